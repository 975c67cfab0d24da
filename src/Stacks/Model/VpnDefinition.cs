namespace Ferry.Stacks.Model;

/// <summary>The IPsec (IKEv2, StrongSwan) tunnels between the sites' gateways that carry all inter-site traffic.</summary>
/// <param name="Enabled">Whether the gateways run the tunnels; without them sites are routed to each other in the clear.</param>
/// <param name="EspProposals">StrongSwan <c>esp_proposals</c> for the child SAs, e.g. aes256gcm16.</param>
public sealed record VpnDefinition(bool Enabled, string EspProposals)
{
    public static VpnDefinition Default { get; } = new(true, "aes256gcm16");
}

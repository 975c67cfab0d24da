namespace Ferry.Provisioning.Playbooks;

/// <summary>What the provisioning path needs besides the inventory.</summary>
/// <param name="StateDirectory">The stack's state on this machine: the peer key and the VPN's pre-shared key are kept here.</param>
/// <param name="SiteSubnets">Each site's private subnet, by site name (the VPN's traffic selectors).</param>
/// <param name="Vpn">Whether the sites' gateways are joined by IPsec.</param>
/// <param name="EspProposals">The child SAs' ESP proposals.</param>
public sealed record ProvisioningOptions(string StateDirectory, IReadOnlyDictionary<string, string> SiteSubnets, bool Vpn, string EspProposals)
{
    public string PeerKeyPath => Path.Combine(StateDirectory, "peer_ed25519");

    /// <summary>The stack's IPsec pre-shared key (0600), made by ferry at the first provisioning.</summary>
    public string PskPath => Path.Combine(StateDirectory, "vpn.psk");
}

using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>Brings up one gateway's tunnels: the child SAs to wait for, those it initiates, and its config files.</summary>
/// <param name="LocalSubnet">This gateway's site subnet.</param>
/// <param name="PeerSubnets">The other sites' subnets: with the apps subnet, what may reach the peers only inside the tunnel.</param>
public sealed record VpnUpInputs(
    IReadOnlyList<string> Children,
    IReadOnlyList<string> Initiate,
    int TimeoutSeconds,
    string StrongswanConf,
    string SwanctlConf,
    string PeerAddress,
    string AppSubnet,
    string LocalSubnet,
    IReadOnlyList<string> PeerSubnets) : ITemplateInputs
{
    public static string Template => "vpn/up.sh";
}

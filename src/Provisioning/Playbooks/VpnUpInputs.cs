using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>Brings up one gateway's tunnels: the child SAs to wait for, those it initiates, and its config files.</summary>
/// <param name="LocalSubnet">This gateway's site subnet.</param>
/// <param name="TunnelOnly">What may cross to the peers only inside the tunnel: their subnets and the apps subnet.</param>
public sealed record VpnUpInputs(
    IReadOnlyList<string> Children,
    IReadOnlyList<string> Initiate,
    int TimeoutSeconds,
    string StrongswanConf,
    string SwanctlConf,
    string PeerAddress,
    string AppSubnet,
    string LocalSubnet,
    IReadOnlyList<string> TunnelOnly) : ITemplateInputs
{
    public static string Template => "vpn/up.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>Brings up one gateway's tunnels: the child SAs to wait for, those it initiates, and its config files.</summary>
public sealed record VpnUpInputs(
    IReadOnlyList<string> Children,
    IReadOnlyList<string> Initiate,
    int TimeoutSeconds,
    string StrongswanConf,
    string SwanctlConf,
    string PeerAddress,
    string AppSubnet) : ITemplateInputs
{
    public static string Template => "vpn/up.sh";
}

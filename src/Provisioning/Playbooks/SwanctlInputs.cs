using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>A gateway's swanctl.conf: its tunnels and their pre-shared keys.</summary>
public sealed record SwanctlInputs(IReadOnlyList<SwanctlPeer> Peers) : ITemplateInputs
{
    public static string Template => "vpn/swanctl.conf";
}

using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>One allowed inbound flow, independent of the cloud that enforces it.</summary>
/// <param name="Name">Short kebab-case name, used in the cloud's rule names.</param>
/// <param name="Description">Why the flow is open.</param>
/// <param name="Protocol">The IP protocol.</param>
/// <param name="Ports">Destination ports; empty for port-less protocols and for all traffic.</param>
/// <param name="Sources">Source CIDRs; literal strings or interpolations of a peer's static address.</param>
/// <param name="Target">The role the rule applies to; null for every host of the site.</param>
public sealed record AccessRule(
    string Name,
    string Description,
    IpProtocol Protocol,
    IReadOnlyList<int> Ports,
    IReadOnlyList<PulumiValue> Sources,
    HostRole? Target)
{
    public bool AppliesTo(HostRole role) => Target is null || Target == role;
}

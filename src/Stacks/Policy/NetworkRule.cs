using System.Net;
using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Policy;

/// <summary>One flow a site's cloud firewall allows; everything no rule allows is denied (see <see cref="CloudNetwork"/>).</summary>
/// <param name="Name">Short kebab-case name, used in the clouds' rule names.</param>
/// <param name="Description">Why the flow is open. Plain words: it must fit every cloud's description rules (no apostrophes for AWS).</param>
/// <param name="Direction">Into or out of the host.</param>
/// <param name="Protocol">The IP protocol.</param>
/// <param name="Ports">Destination ports; empty for port-less protocols and for all traffic.</param>
/// <param name="Peers">Sources (ingress) or destinations (egress).</param>
/// <param name="Target">The role the rule applies to; null for every host of the site.</param>
public sealed record NetworkRule(
    string Name,
    string Description,
    TrafficDirection Direction,
    IpProtocol Protocol,
    IReadOnlyList<int> Ports,
    IReadOnlyList<RuleAddress> Peers,
    HostRole? Target)
{
    public bool AppliesTo(HostRole role) => Target is null || Target == role;

    /// <summary>
    /// Whether this rule lets a packet through: <paramref name="peer"/> is the source of an ingress packet or the
    /// destination of an egress one, <paramref name="port"/> its destination port (null for port-less protocols).
    /// </summary>
    public bool Allows(HostRole role, IpProtocol protocol, int? port, IPAddress peer, Func<string, IPAddress> gatewayPublicIp) =>
        AppliesTo(role)
        && (Protocol == IpProtocol.All || (Protocol == protocol && (Ports.Count == 0 || (port is { } p && Ports.Contains(p)))))
        && Peers.Any(a => a.Contains(peer, gatewayPublicIp));
}

using System.Net;
using Ferry.Stacks.Policy;

namespace Ferry.Stacks.Twin;

/// <summary>
/// Turns a site's <see cref="SiteNetworkPolicy"/> (the same model the Pulumi renderers render) into what its
/// VPC router enforces: each rule with the peers' gateways resolved to their twin public addresses, and the
/// route table with each next hop's private address. The operator's address on the twin's internet segment
/// stands in for <c>admin.sshCidr</c> (this machine is the operator).
/// </summary>
public static class TwinPolicy
{
    public static IReadOnlyList<TwinRule> Rules(SiteNetworkPolicy site, TrafficDirection direction, Func<string, IPAddress> gatewayPublicIp, string adminCidr, string operatorCidr) =>
        site.Rules.Where(r => r.Direction == direction).Select(r => new TwinRule(
            r.Name,
            r.Protocol.ToString().ToLowerInvariant(),
            r.Ports,
            r.Peers.Select(p => p switch
            {
                RuleAddress.Range range when range.Addresses.ToString() == adminCidr && !range.Addresses.IsAnywhere => operatorCidr,
                RuleAddress.Range range => range.Addresses.ToString(),
                RuleAddress.GatewayOf gateway => $"{gatewayPublicIp(gateway.Site)}/32",
                _ => throw new InvalidOperationException($"rule {r.Name}: unknown address {p}"),
            }).ToList(),
            site.Hosts.Where(h => r.AppliesTo(h.Role)).Select(h => h.PrivateIp.ToString()).ToList())).ToList();

    public static IReadOnlyList<TwinRoute> Routes(SiteNetworkPolicy site) =>
        site.Routes.Select(r => new TwinRoute(r.Destination.ToString(), r.NextHop.PrivateIp.ToString())).ToList();
}

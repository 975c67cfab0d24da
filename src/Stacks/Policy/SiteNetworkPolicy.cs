using System.Net;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Policy;

/// <summary>
/// What one site's cloud network allows and where it routes: its hosts with their fixed private addresses,
/// the firewall rules (anything no rule allows is denied), and the route table entries that send the other
/// sites' subnets and the apps subnet to the site's gateway. See <see cref="StackNetworkPolicy"/> for how
/// the Pulumi renderers and the local twin consume it.
/// </summary>
public sealed record SiteNetworkPolicy(
    SiteDefinition Site,
    CloudNetwork Network,
    IReadOnlyList<PlacedHost> Hosts,
    IReadOnlyList<NetworkRule> Rules,
    IReadOnlyList<NetworkRoute> Routes)
{
    public PlacedHost Gateway => Hosts.Single(h => h.Role == HostRole.Gateway);

    public IReadOnlyList<NetworkRule> Ingress => Rules.Where(r => r.Direction == TrafficDirection.Ingress).ToList();

    public IReadOnlyList<NetworkRule> Egress => Rules.Where(r => r.Direction == TrafficDirection.Egress).ToList();

    public IReadOnlyList<NetworkRule> RulesFor(HostRole role, TrafficDirection direction) =>
        Rules.Where(r => r.Direction == direction && r.AppliesTo(role)).ToList();

    public PlacedHost Host(string name) =>
        Hosts.FirstOrDefault(h => h.Name == name) ?? throw new ArgumentException($"no host named '{name}' in site '{Site.Name}'", nameof(name));

    /// <summary>Whether the cloud lets a new flow from <paramref name="source"/> into <paramref name="host"/> (stateful: its answers pass too).</summary>
    public bool AllowsIngress(PlacedHost host, IpProtocol protocol, int? port, IPAddress source, Func<string, IPAddress> gatewayPublicIp) =>
        RulesFor(host.Role, TrafficDirection.Ingress).Any(r => r.Allows(host.Role, protocol, port, source, gatewayPublicIp));

    /// <summary>Whether the cloud lets a new flow from <paramref name="host"/> out to <paramref name="destination"/>.</summary>
    public bool AllowsEgress(PlacedHost host, IpProtocol protocol, int? port, IPAddress destination, Func<string, IPAddress> gatewayPublicIp) =>
        RulesFor(host.Role, TrafficDirection.Egress).Any(r => r.Allows(host.Role, protocol, port, destination, gatewayPublicIp));

    /// <summary>The route the site's route table picks for <paramref name="destination"/> (longest prefix); null for the site's own subnet and the internet.</summary>
    public NetworkRoute? RouteTo(IPAddress destination) =>
        Routes.Where(r => r.Destination.Contains(destination)).OrderByDescending(r => r.Destination.PrefixLength).FirstOrDefault();
}

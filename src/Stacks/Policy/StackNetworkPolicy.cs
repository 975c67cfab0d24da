using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Policy;

/// <summary>
/// The one typed network model of a cloud stack: per site, the hosts and their private addresses, the
/// firewall rules, the routes, and the cloud's behaviour (<see cref="CloudNetwork"/>). Decided once here so
/// that what is rendered into the Pulumi program is exactly what the local twin enforces.
/// <para>
/// How a consumer uses it: <c>var policy = StackNetworkPolicy.For(stack);</c> then, per
/// <see cref="SiteNetworkPolicy"/>: give each of <c>Hosts</c> its <c>PrivateIp</c>; let a host forward
/// only if <see cref="PlacedHost.ForwardsTraffic"/> (else drop packets whose source, leaving, or destination,
/// arriving, is not the host's own address); admit a new inbound flow only when <c>AllowsIngress</c> (or
/// translate <c>Ingress</c> rule by rule, with <see cref="RuleAddress.GatewayOf"/> resolved to that
/// gateway's public address), and let answers of allowed flows back (stateful); route each of
/// <c>Routes</c> to its next hop's private address; use <c>Network.HostMtu</c> on the hosts' interfaces.
/// </para>
/// </summary>
public sealed record StackNetworkPolicy(StackDefinition Stack, IReadOnlyList<SiteNetworkPolicy> Sites)
{
    /// <summary>
    /// Private addresses start here: every cloud reserves a few of the first addresses of a subnet
    /// (AWS and Azure the first four, GCP the first two).
    /// </summary>
    public const int FirstHostAddress = 10;

    public static StackNetworkPolicy For(StackDefinition stack) =>
        new(stack, stack.Sites.Select(site => ForSite(stack, site)).ToList());

    public SiteNetworkPolicy Site(string name) =>
        Sites.FirstOrDefault(s => s.Site.Name == name) ?? throw new ArgumentException($"no site named '{name}' in stack '{Stack.Name}'", nameof(name));

    private static SiteNetworkPolicy ForSite(StackDefinition stack, SiteDefinition site)
    {
        var hosts = Place(stack, site);
        var gateway = hosts.Single(h => h.Role == HostRole.Gateway);
        var others = stack.Sites.Where(s => s != site).ToList();
        var peerGateways = others.Select(s => (RuleAddress)new RuleAddress.GatewayOf(s.Name)).ToList();
        var admin = AddressRange.Parse(stack.Admin.SshCidr);

        var rules = new List<NetworkRule>
        {
            new("ssh", "SSH from the operators range only", TrafficDirection.Ingress, IpProtocol.Tcp, [22], [new RuleAddress.Range(admin)], null),
            new("internal", "Anything from this site subnet", TrafficDirection.Ingress, IpProtocol.All, [], [Range(site.Subnet)], null),
            new("tunnel", "Anything from the other sites and the containers, through the gateway and the tunnel", TrafficDirection.Ingress, IpProtocol.All, [],
                [.. others.Select(s => Range(s.Subnet)), Range(stack.Network.Apps)], null),
            new("ike", "IKE and NAT-T from the peer gateways only", TrafficDirection.Ingress, IpProtocol.Udp, [500, 4500], peerGateways, HostRole.Gateway),
            new("esp", "ESP from the peer gateways only", TrafficDirection.Ingress, IpProtocol.Esp, [], peerGateways, HostRole.Gateway),
        };
        if (hosts.Any(h => h.Role == HostRole.Front))
        {
            rules.Add(new("front", "The applications published on the front, from anywhere", TrafficDirection.Ingress, IpProtocol.Tcp, stack.Front.PublishedPorts, [RuleAddress.Anywhere], HostRole.Front));
        }

        rules.Add(new("egress", "Outbound: packages, peer gateways, other sites and containers", TrafficDirection.Egress, IpProtocol.All, [], [RuleAddress.Anywhere], null));

        var routes = others
            .Select(s => new NetworkRoute($"to-{s.Name}", $"Site {s.Name} through the gateway and the tunnel", s.Subnet, gateway))
            .Append(new NetworkRoute("to-apps", "Container addresses through the gateway", stack.Network.Apps, gateway))
            .ToList();
        return new SiteNetworkPolicy(site, CloudNetwork.For(site.Cloud), hosts, rules, routes);
    }

    private static RuleAddress Range(Provisioning.Network.Cidr cidr) => new RuleAddress.Range(AddressRange.Of(cidr));

    /// <summary>The site's own hosts, then the front and the client when they are placed in it; addresses in that order.</summary>
    private static List<PlacedHost> Place(StackDefinition stack, SiteDefinition site)
    {
        var hosts = stack.AllHosts().Where(h => h.Site == site).Select(h => h.Host).ToList();
        var placed = new List<PlacedHost>();
        foreach (var host in hosts)
        {
            try
            {
                placed.Add(new PlacedHost(host, site, site.Subnet.Host(FirstHostAddress + placed.Count)));
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new NetworkPolicyException(stack, $"site {site.Name}: subnet {site.Subnet} is too small for {hosts.Count} hosts starting at address .{FirstHostAddress}; use a /27 or larger");
            }
        }

        return placed;
    }
}

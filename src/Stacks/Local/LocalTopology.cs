using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Local;

/// <summary>
/// Turns a stack into host plans. Workloads reach other sites only through their gateway; gateways
/// route between sites through the IPsec tunnel (with the VPN disabled, over the internet segment in
/// the clear). The front lives in a site (the stack's <c>front.site</c>, the first site by default) as on
/// a real cloud: its private address in the site, and a public one on the internet segment that its own
/// 1:1 NAT maps onto the private one, so that clients reach it there and everything else it reaches
/// through its site. The client sits on the internet segment. Nobody has a default route: nothing can
/// leave the machine.
/// </summary>
public static class LocalTopology
{
    public const int FrontOctet = 100;
    public const int ClientOctet = 101;
    public const int FirstWorkloadOctet = 10;

    public static IReadOnlyList<LocalHostPlan> Plan(StackDefinition stack)
    {
        var names = new LocalNames(stack.Name);
        var internetPrefix = stack.Network.Internet.PrefixLength;
        var gatewayPublic = stack.Sites.Select((s, i) => stack.Network.Internet.Host(i + 1).ToString()).ToList();
        var plans = new List<LocalHostPlan>();
        var index = 0;

        for (var siteIndex = 0; siteIndex < stack.Sites.Count; siteIndex++)
        {
            var site = stack.Sites[siteIndex];
            var bridge = names.SiteBridge(siteIndex);
            var gatewayPrivate = site.Subnet.Host(1).ToString();
            var workload = 0;
            foreach (var host in site.Hosts)
            {
                index++;
                var links = new List<LocalLink>();
                var routes = new List<LocalRoute>();
                string privateIp;
                string? publicIp = null;
                if (host.Role == HostRole.Gateway)
                {
                    privateIp = gatewayPrivate;
                    publicIp = gatewayPublic[siteIndex];
                    links.Add(new LocalLink("eth0", names.FabricVeth(index, 0), bridge, $"{privateIp}/{site.Subnet.PrefixLength}", false));
                    links.Add(new LocalLink("wan", names.FabricVeth(index, 1), LocalNames.InternetBridge, $"{publicIp}/{internetPrefix}", stack.Link.Shaped));
                    for (var other = 0; other < stack.Sites.Count; other++)
                    {
                        // With the VPN the only path between sites is the tunnel (charon's routes in table 220):
                        // a plain route would carry traffic in the clear whenever the tunnel is down.
                        if (other != siteIndex && !stack.Vpn.Enabled)
                        {
                            routes.Add(new LocalRoute(stack.Sites[other].Subnet.ToString(), gatewayPublic[other]));
                        }
                    }
                }
                else
                {
                    privateIp = site.Subnet.Host(FirstWorkloadOctet + workload++).ToString();
                    links.Add(new LocalLink("eth0", names.FabricVeth(index, 0), bridge, $"{privateIp}/{site.Subnet.PrefixLength}", false));
                    routes.AddRange(stack.Sites.Where(s => s != site).Select(s => new LocalRoute(s.Subnet.ToString(), gatewayPrivate)));
                    routes.Add(new LocalRoute(stack.Network.Internet.ToString(), gatewayPrivate));
                }

                plans.Add(Host(stack, names, index, host.Name, host.Role, site.Name, privateIp, publicIp, links, routes));
            }
        }

        index++;
        var frontSite = stack.FrontSite;
        var frontPrivate = frontSite.Subnet.Host(FrontOctet).ToString();
        var frontPublic = stack.Network.Internet.Host(FrontOctet).ToString();
        var frontGateway = frontSite.Subnet.Host(1).ToString();
        List<LocalLink> frontLinks =
        [
            new("eth0", names.FabricVeth(index, 0), names.SiteBridge(stack.Sites.ToList().IndexOf(frontSite)), $"{frontPrivate}/{frontSite.Subnet.PrefixLength}", false),
            new("wan", names.FabricVeth(index, 1), LocalNames.InternetBridge, $"{frontPublic}/{internetPrefix}", false),
        ];
        var frontRoutes = stack.Sites.Where(s => s != frontSite).Select(s => new LocalRoute(s.Subnet.ToString(), frontGateway)).ToList();
        plans.Add(Host(stack, names, index, stack.Front.Name, HostRole.Front, frontSite.Name, frontPrivate, frontPublic, frontLinks, frontRoutes) with { PublicNat = true });

        index++;
        var clientIp = stack.Network.Internet.Host(ClientOctet).ToString();
        var clientLinks = new List<LocalLink> { new("eth0", names.FabricVeth(index, 0), LocalNames.InternetBridge, $"{clientIp}/{internetPrefix}", false) };
        plans.Add(Host(stack, names, index, stack.Client.Name, HostRole.Client, "", clientIp, clientIp, clientLinks, []));

        return plans;
    }

    private static LocalHostPlan Host(
        StackDefinition stack, LocalNames names, int index, string name, HostRole role, string site,
        string privateIp, string? publicIp, List<LocalLink> links, List<LocalRoute> routes) =>
        new(index, name, role, site, names.HostNamespace(name), names.ManagementVeth(index),
            stack.Network.Management.Host(index + 1).ToString(), privateIp, publicIp, links, routes);
}

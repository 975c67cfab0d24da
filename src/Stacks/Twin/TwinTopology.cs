using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using Ferry.Stacks.Pulumi;

namespace Ferry.Stacks.Twin;

/// <summary>
/// Lays a real-cloud stack out as a twin on this machine: the hosts and private addresses of its Pulumi
/// program, one VPC router per site owning the site's public addresses on the internet segment
/// (<c>network.internet</c>), and this machine as the operator at that segment's first address.
/// </summary>
public static class TwinTopology
{
    /// <summary>Public addresses of site i start at 32·(i+1): the router's own, then its hosts'.</summary>
    private const int SiteBlock = 32;

    public static TwinPlan Plan(StackDefinition stack, CloudInitTemplates templates)
    {
        if (stack.Kind != StackKind.Pulumi)
        {
            throw new ArgumentException($"stack '{stack.Name}' is kind: {stack.Kind.ToString().ToLowerInvariant()}; a twin stands in for a kind: pulumi stack", nameof(stack));
        }

        var names = new TwinNames(stack.Name);
        var internet = stack.Network.Internet;
        var operatorAddress = $"{internet.Host(1)}/{internet.PrefixLength}";
        var placed = stack.Sites.Select(s => PulumiStack.Place(stack, s)).ToList();
        var gatewayPublic = stack.Sites.Select((s, i) => PublicIp(stack, i, placed[i].FindIndex(h => h.Role == HostRole.Gateway))).ToList();
        var sites = new List<TwinSitePlan>();
        for (var i = 0; i < stack.Sites.Count; i++)
        {
            var site = stack.Sites[i];
            var hosts = placed[i];
            var peers = gatewayPublic.Where((_, j) => j != i).ToList();
            sites.Add(new TwinSitePlan(
                site.Name,
                site.Cloud,
                site.Subnet.ToString(),
                names.SiteBridge(i),
                names.RouterNamespace(site.Name),
                $"{site.Subnet.Host(1)}/{site.Subnet.PrefixLength}",
                $"{internet.Host(SiteBlock * (i + 1))}/{internet.PrefixLength}",
                names.RouterVeth(i, "l"),
                names.RouterVeth(i, "w"),
                TwinPolicy.Mtu(site.Cloud),
                hosts.Select((h, k) => new TwinHostPlan(
                    h.Name, h.Role, site.Name, names.HostNamespace(h.Name), h.PrivateIp.ToString(), PublicIp(stack, i, k),
                    names.HostVeth(i, k), TwinPolicy.Forwards(h.Role), templates.UserData(h, stack.Admin.User))).ToList(),
                TwinPolicy.Rules(stack, site, hosts, peers, $"{internet.Host(1)}/32"),
                TwinPolicy.Routes(stack, site, hosts)));
        }

        return new TwinPlan(names, internet.ToString(), operatorAddress, sites);
    }

    private static string PublicIp(StackDefinition stack, int site, int host) => stack.Network.Internet.Host(SiteBlock * (site + 1) + 1 + host).ToString();
}

using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using System.Net;
using Ferry.Stacks.Policy;
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
        var policy = StackNetworkPolicy.For(stack);
        var gatewayPublic = policy.Sites.Select((s, i) => (s.Site.Name, Ip: IPAddress.Parse(PublicIp(stack, i, s.Hosts.ToList().FindIndex(h => h.Role == HostRole.Gateway)))))
            .ToDictionary(g => g.Name, g => g.Ip);
        IPAddress GatewayPublicIp(string site) => gatewayPublic[site];
        var sites = new List<TwinSitePlan>();
        for (var i = 0; i < policy.Sites.Count; i++)
        {
            var site = policy.Sites[i];
            sites.Add(new TwinSitePlan(
                site.Site.Name,
                site.Site.Cloud,
                site.Site.Subnet.ToString(),
                names.SiteBridge(i),
                names.RouterNamespace(site.Site.Name),
                $"{site.Site.Subnet.Host(1)}/{site.Site.Subnet.PrefixLength}",
                $"{internet.Host(SiteBlock * (i + 1))}/{internet.PrefixLength}",
                names.RouterVeth(i, "l"),
                names.RouterVeth(i, "w"),
                site.Network.HostMtu,
                site.Network.InternetMtu,
                site.Hosts.Select((h, k) => new TwinHostPlan(
                    h.Name, h.Role, site.Site.Name, names.HostNamespace(h.Name), h.PrivateIp.ToString(), PublicIp(stack, i, k),
                    names.HostVeth(i, k), h.ForwardsTraffic, templates.UserData(h, stack.Admin.User))).ToList(),
                TwinPolicy.Rules(site, TrafficDirection.Ingress, GatewayPublicIp, stack.Admin.SshCidr, $"{internet.Host(1)}/32"),
                TwinPolicy.Rules(site, TrafficDirection.Egress, GatewayPublicIp, stack.Admin.SshCidr, $"{internet.Host(1)}/32"),
                TwinPolicy.Routes(site)));
        }

        return new TwinPlan(names, internet.ToString(), operatorAddress, sites);
    }

    private static string PublicIp(StackDefinition stack, int site, int host) => stack.Network.Internet.Host(SiteBlock * (site + 1) + 1 + host).ToString();
}

using Ferry.Stacks.Model;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>Read back from the rendered YAML: each site sends the other sites' subnets and the apps subnet to its own gateway.</summary>
public class RoutesTests
{
    public static TheoryData<string> Stacks => new() { "aws-gcp", "aws-azure", "gcp-azure", "same-aws", "same-gcp", "same-azure" };

    private static StackDefinition Load(string name) => name.StartsWith("same-", StringComparison.Ordinal) ? TestStacks.SameCloud(name["same-".Length..]) : TestStacks.Load(name);

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Render_EverySite_RoutesOtherSitesAndAppsToItsGateway(string name)
    {
        var stack = Load(name);
        var resources = ((YamlMappingNode)PulumiProgramChecker.Parse(TestStacks.Render(stack))["resources"]).Children
            .ToDictionary(e => S(e.Key), e => (YamlMappingNode)e.Value);

        foreach (var site in stack.Sites)
        {
            var expected = stack.Sites.Where(s => s != site).Select(s => s.Subnet.ToString()).Append(stack.Network.Apps.ToString()).Order().ToList();
            var routes = RoutesOf(site, resources);

            Assert.True(expected.SequenceEqual(routes.Select(r => r.Destination).Order()), $"{site.Name}: routes to {string.Join(", ", routes.Select(r => r.Destination))}, expected {string.Join(", ", expected)}");
            Assert.All(routes, r => Assert.True(r.ViaGateway, $"{site.Name}: {r.Destination} goes to {r.NextHop}, not the site's gateway"));
        }
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Render_GatewaysAndWorkloads_MayForward(string name)
    {
        var stack = Load(name);
        var resources = ((YamlMappingNode)PulumiProgramChecker.Parse(TestStacks.Render(stack))["resources"]).Children
            .ToDictionary(e => S(e.Key), e => (YamlMappingNode)e.Value);
        var hosts = stack.Sites.SelectMany(s => s.Hosts).ToList();

        Assert.NotEmpty(hosts);
        foreach (var host in stack.AllHosts().Select(h => h.Host))
        {
            var flag = Forwarding(host.Name, resources);
            Assert.True((host.Role is Provisioning.Inventory.HostRole.Gateway or Provisioning.Inventory.HostRole.Workload) == flag,
                $"{host.Name} ({host.Role}): forwarding flag {flag}");
        }
    }

    private static List<(string Destination, string NextHop, bool ViaGateway)> RoutesOf(SiteDefinition site, Dictionary<string, YamlMappingNode> all)
    {
        var gateway = Ferry.Stacks.Pulumi.PulumiNames.Of(site.Gateway.Name, "vm");
        var prefix = Ferry.Stacks.Pulumi.PulumiNames.Of(site.Name, "route");
        var result = new List<(string, string, bool)>();
        foreach (var (name, resource) in all)
        {
            var p = P(resource);
            switch (S(resource["type"]))
            {
                case "aws:ec2:Route" when name.StartsWith(prefix, StringComparison.Ordinal) && p.Children.ContainsKey(new YamlScalarNode("networkInterfaceId")):
                    result.Add((S(p["destinationCidrBlock"]), S(p["networkInterfaceId"]), S(p["networkInterfaceId"]) == $"${{{gateway}.primaryNetworkInterfaceId}}"));
                    break;
                case "gcp:compute:Route" when name.StartsWith(prefix, StringComparison.Ordinal):
                    result.Add((S(p["destRange"]), S(p["nextHopInstance"]), S(p["nextHopInstance"]) == $"${{{gateway}.selfLink}}"));
                    break;
                case "azure-native:network:Subnet" when name == Ferry.Stacks.Pulumi.PulumiNames.Of(site.Name, "subnet"):
                    var table = S(((YamlMappingNode)p["routeTable"])["id"]);
                    var routes = (YamlSequenceNode)P(all[table[2..table.IndexOf('.')]])["routes"];
                    var gatewayIp = S(((YamlMappingNode)((YamlSequenceNode)P(all[Ferry.Stacks.Pulumi.PulumiNames.Of(site.Gateway.Name, "nic")])["ipConfigurations"])[0])["privateIPAddress"]);
                    result.AddRange(routes.Cast<YamlMappingNode>().Select(r => (S(r["addressPrefix"]), $"{S(r["nextHopType"])} {S(r["nextHopIpAddress"])}",
                        S(r["nextHopType"]) == "VirtualAppliance" && S(r["nextHopIpAddress"]) == gatewayIp)));
                    break;
            }
        }

        return result;
    }

    private static bool Forwarding(string host, Dictionary<string, YamlMappingNode> all)
    {
        bool Is(string resource, string key, string value) =>
            all.TryGetValue(resource, out var r) && P(r).Children.TryGetValue(new YamlScalarNode(key), out var v) && S(v) == value;

        return Is(Ferry.Stacks.Pulumi.PulumiNames.Of(host, "vm"), "sourceDestCheck", "false")
            || Is(Ferry.Stacks.Pulumi.PulumiNames.Of(host, "vm"), "canIpForward", "true")
            || Is(Ferry.Stacks.Pulumi.PulumiNames.Of(host, "nic"), "enableIPForwarding", "true");
    }

    private static YamlMappingNode P(YamlMappingNode resource) => (YamlMappingNode)resource["properties"];

    private static string S(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";
}

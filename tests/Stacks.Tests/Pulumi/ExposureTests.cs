using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Stacks.Model;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Tests.Pulumi;

public class ExposureTests
{
    private const string Anywhere = "0.0.0.0/0";

    public static TheoryData<string> Pairs => new() { "aws-gcp", "aws-azure", "gcp-azure" };

    public static TheoryData<string> Clouds => new() { "aws", "gcp", "azure" };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Render_Pair_OpensOnlyTheAllowedFlows(string stack) => AssertLeastExposure(TestStacks.Load(stack));

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Render_SameCloudInTwoRegions_OpensOnlyTheAllowedFlows(string cloud) => AssertLeastExposure(TestStacks.SameCloud(cloud));

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Render_NoAdminSection_NeverOpensSshToTheWorld(string cloud)
    {
        var rules = InboundRuleReader.Read(TestStacks.Render(TestStacks.SameCloud(cloud, sshCidr: null)), out _);

        Assert.DoesNotContain(rules, r => r.Sources.Contains(Anywhere) && (r.Protocol == "all" || r.Ports.Contains(22)));
        Assert.Contains(rules, r => r.Ports.SequenceEqual([22]) && r.Sources.SequenceEqual([AdminDefinition.Default.SshCidr]));
    }

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Render_SshCidrWrittenAsOpenWorld_OpensSshToTheWorld(string cloud)
    {
        var rules = InboundRuleReader.Read(TestStacks.Render(TestStacks.SameCloud(cloud, sshCidr: Anywhere)), out _);

        Assert.Contains(rules, r => r.Protocol == "tcp" && r.Ports.SequenceEqual([22]) && r.Sources.SequenceEqual([Anywhere]));
    }

    /// <summary>
    /// Every rule must be one of: SSH from the admin range, anything from the target's own subnet, anything
    /// from the other sites' subnets and the apps subnet (arriving through the gateway), IKE/ESP from
    /// the other sites' gateways' static addresses to gateways, HTTP to the front. And every host must get its own.
    /// </summary>
    private static void AssertLeastExposure(StackDefinition stack)
    {
        var yaml = TestStacks.Render(stack);
        var rules = InboundRuleReader.Read(yaml, out var hosts);
        var peerSources = PeerGatewaySources(yaml);

        Assert.Equal(stack.AllHosts().Select(h => h.Host.Name).Order(), hosts.Select(h => h.Name).Order());
        Assert.NotEmpty(hosts);
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            var where = $"{rule.Resource} ({rule.Protocol} {string.Join(",", rule.Ports)} from {string.Join(",", rule.Sources)})";
            Assert.NotEmpty(rule.Targets);
            switch (rule.Protocol, rule.Ports)
            {
                case ("tcp", [22]):
                    Assert.True(rule.Sources.SequenceEqual([stack.Admin.SshCidr]), $"{where}: SSH must come from admin.sshCidr only");
                    break;
                case ("all", []):
                    foreach (var target in rule.Targets)
                    {
                        var own = new[] { stack.Site(target.Site).Subnet.ToString() };
                        var tunnelled = stack.Sites.Where(s => s.Name != target.Site).Select(s => s.Subnet.ToString()).Append(stack.Network.Apps.ToString()).Order();
                        Assert.True(rule.Sources.SequenceEqual(own) || rule.Sources.Order().SequenceEqual(tunnelled),
                            $"{where}: all traffic may come only from {target.Name}'s own subnet, or from the other sites' subnets and the apps subnet (through the tunnel)");
                    }

                    break;
                case ("udp", _) when rule.Ports.All(p => p is 500 or 4500):
                case ("esp", []):
                    foreach (var target in rule.Targets)
                    {
                        Assert.True(target.Role == "gateway", $"{where}: IKE/ESP reaches {target.Name}, which is not a gateway");
                        var peers = peerSources.Where(p => p.Site != target.Site).Select(p => p.Source).ToList();
                        Assert.True(rule.Sources.Order().SequenceEqual(peers.Order()), $"{where}: IKE/ESP must come from the peer gateways' static addresses only ({string.Join(", ", peers)})");
                    }

                    break;
                case ("tcp", _) when rule.Ports.Count > 0 && rule.Ports.All(stack.Front.PublishedPorts.Contains):
                    Assert.True(rule.Targets.All(t => t.Role == "front"), $"{where}: the front's published ports reach a host that is not the front");
                    break;
                default:
                    Assert.Fail($"{where}: not one of the allowed flows");
                    break;
            }
        }

        foreach (var host in hosts)
        {
            bool Has(string protocol, params int[] ports) =>
                rules.Any(r => r.Targets.Contains(host) && r.Protocol == protocol && ports.All(r.Ports.Contains));

            Assert.True(Has("tcp", 22), $"{host.Name}: no SSH rule from the admin range");
            Assert.True(rules.Any(r => r.Targets.Contains(host) && r.Protocol == "all" && r.Sources.Contains(stack.Network.Apps.ToString())),
                $"{host.Name}: containers' traffic (the apps subnet), arriving through the tunnel, is dropped");
            if (host.Role == "gateway")
            {
                Assert.True(Has("udp", 500) && Has("udp", 4500) && Has("esp"), $"{host.Name}: gateway lacks IKE, NAT-T or ESP from its peer");
            }

            Assert.Equal(host.Role == "front", Has("tcp", 80));
        }
    }

    /// <summary>Each gateway's public address as exported, which must be a static address resource, as a /32 source.</summary>
    private static List<(string Site, string Source)> PeerGatewaySources(string yaml)
    {
        var root = PulumiProgramChecker.Parse(yaml);
        var resources = (YamlMappingNode)root["resources"];
        var result = new List<(string, string)>();
        foreach (var (_, value) in (YamlMappingNode)((YamlMappingNode)root["outputs"])["hosts"])
        {
            var host = (YamlMappingNode)value;
            if (((YamlScalarNode)host["role"]).Value != "gateway")
            {
                continue;
            }

            var publicIp = ((YamlScalarNode)host["publicIp"]).Value!;
            var resourceName = publicIp[2..publicIp.IndexOf('.')];
            var resource = (YamlMappingNode)resources[resourceName];
            var type = ((YamlScalarNode)resource["type"]).Value;
            Assert.True(type is "aws:ec2:Eip" or "gcp:compute:Address" or "azure-native:network:PublicIPAddress", $"gateway address {publicIp} is a {type}, not a static address");
            if (type == "azure-native:network:PublicIPAddress")
            {
                Assert.Equal("Static", ((YamlScalarNode)((YamlMappingNode)resource["properties"])["publicIPAllocationMethod"]).Value);
            }

            result.Add((((YamlScalarNode)host["site"]).Value!, publicIp + "/32"));
        }

        return result;
    }
}

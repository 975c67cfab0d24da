using Ferry.Provisioning.Files;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Stacks.Files;
using Ferry.Stacks.Model;
using Ferry.Stacks.Policy;
using Ferry.Stacks.Pulumi;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Tests.Pulumi;

public class PulumiStackTests
{
    [Fact]
    public void Render_LocalStack_ThrowsSayingOnlyPulumiStacks()
    {
        var e = Assert.Throws<PulumiRenderException>(() => PulumiStack.Render(TestStacks.Load("local"), TestStacks.Templates));

        Assert.EndsWith("stack is kind: local; only kind: pulumi stacks are rendered to Pulumi programs", e.Message);
    }

    [Fact]
    public void Render_SubnetTooSmallForTheHosts_ThrowsNamingTheSite()
    {
        var stack = TestStacks.SameCloud("aws");
        var small = stack with { Sites = [stack.Sites[0] with { Subnet = Cidr.Parse("10.20.1.0/29") }, stack.Sites[1]] };

        var e = Assert.Throws<NetworkPolicyException>(() => PulumiStack.Render(small, TestStacks.Templates));

        Assert.EndsWith("site east: subnet 10.20.1.0/29 is too small for 3 hosts starting at address .10; use a /27 or larger", e.Message);
    }

    [Fact]
    public void Render_Pair_GivesEachSiteItsOwnExplicitProvider()
    {
        var resources = (YamlMappingNode)PulumiProgramChecker.Parse(TestStacks.Render(TestStacks.SameCloud("aws")))["resources"];
        var providers = resources.Children.Where(e => ((YamlScalarNode)((YamlMappingNode)e.Value)["type"]).Value == "pulumi:providers:aws")
            .Select(e => $"{((YamlScalarNode)e.Key).Value}={((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)e.Value)["properties"])["region"]).Value}");

        Assert.Equal(["eastProvider=us-east-1", "westProvider=eu-west-1"], providers);
    }

    [Fact]
    public void Render_Pair_ExportsEveryHostInStackOrder()
    {
        var stack = TestStacks.Load("gcp-azure");
        var outputs = (YamlMappingNode)PulumiProgramChecker.Parse(TestStacks.Render(stack))["outputs"];
        var hosts = (YamlMappingNode)outputs["hosts"];

        Assert.Equal(stack.AllHosts().Select(h => h.Host.Name), hosts.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(["role", "site", "cloud", "publicIp", "privateIp"], ((YamlMappingNode)hosts["azure-gw"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal("${azureGwNic.ipConfigurations[0].privateIPAddress}", ((YamlScalarNode)((YamlMappingNode)hosts["azure-gw"])["privateIp"]).Value);
    }

    [Fact]
    public void Render_Azure_ForwardsIpOnlyOnGatewayAndWorkloadNics()
    {
        var resources = (YamlMappingNode)PulumiProgramChecker.Parse(TestStacks.Render(TestStacks.Load("aws-azure")))["resources"];
        var forwarding = resources.Children
            .Where(e => ((YamlScalarNode)((YamlMappingNode)e.Value)["type"]).Value == "azure-native:network:NetworkInterface")
            .Where(e => ((YamlMappingNode)((YamlMappingNode)e.Value)["properties"]).Children.ContainsKey(new YamlScalarNode("enableIPForwarding")))
            .Select(e => ((YamlScalarNode)e.Key).Value);

        // Workloads send and receive as their containers' addresses, which are not the NIC's own.
        Assert.Equal(["azureGwNic", "azureW1Nic"], forwarding);
    }

    [Fact]
    public void Render_AzureVms_HaveBootDiagnosticsForTheirSerialLog()
    {
        var vms = ((YamlMappingNode)PulumiProgramChecker.Parse(TestStacks.Render(TestStacks.Load("gcp-azure")))["resources"]).Children
            .Select(e => (YamlMappingNode)e.Value).Where(r => ((YamlScalarNode)r["type"]).Value == "azure-native:compute:VirtualMachine").ToList();

        Assert.NotEmpty(vms);
        Assert.All(vms, vm => Assert.Equal("true",
            ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)vm["properties"])["diagnosticsProfile"])["bootDiagnostics"])["enabled"]).Value));
    }

    [Fact]
    public void Parse_GcpPulumiSiteWithoutZone_ThrowsWithLineAndField()
    {
        var text = "name: z\nkind: pulumi\nsites:\n  - { name: a, cloud: gcp, region: europe-west1, project: p, subnet: 10.1.0.0/24, hosts: [{ name: a-gw, role: gateway }, { name: a-w, role: workload }] }\n"
            + "  - { name: b, cloud: aws, region: us-east-1, subnet: 10.2.0.0/24, hosts: [{ name: b-gw, role: gateway }, { name: b-w, role: workload }] }\n"
            + "front: { site: a }\nclient: { site: b }\n";

        var e = Assert.Throws<YamlFileException>(() => StackFile.Parse("z.yaml", text));

        Assert.Equal("z.yaml:4:5: sites[0].zone: missing; a gcp site needs the zone its instances run in, such as europe-west1-b", e.Message);
    }

    [Fact]
    public void Render_GcpNameOver63Characters_ThrowsSayingWhatToShorten()
    {
        var stack = TestStacks.SameCloud("gcp");
        var longHost = new HostDefinition("w" + new string('x', 50), HostRole.Workload);
        var wide = stack with { Sites = [stack.Sites[0] with { Hosts = [.. stack.Sites[0].Hosts, longHost] }, stack.Sites[1]] };

        var e = Assert.Throws<PulumiRenderException>(() => PulumiStack.Render(wide, TestStacks.Templates));

        Assert.EndsWith($"site east: GCP name 'ferry-same-gcp-{longHost.Name}' is longer than 63 characters; shorten the stack, site or host name", e.Message);
    }
}

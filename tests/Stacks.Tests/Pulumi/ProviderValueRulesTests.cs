using Ferry.Stacks.Model;
using Ferry.Stacks.Pulumi;
using Xunit;
using static Ferry.Stacks.Pulumi.PulumiValue;

namespace Ferry.Stacks.Tests.Pulumi;

public class ProviderValueRulesTests
{
    public static TheoryData<string> Pairs => new() { "aws-gcp", "aws-azure", "gcp-azure" };

    public static TheoryData<string> Clouds => new() { "aws", "gcp", "azure" };

    private static PulumiProgram Program(params PulumiResource[] resources) => new("ferry", "test", [], [], resources, PulumiMap.Empty);

    private static PulumiResource Resource(string name, string type, PulumiMap properties) =>
        new(name, type, properties, new PulumiResourceOptions(null, "1.0.0"));

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Check_CommittedPair_NoViolation(string stack) =>
        Assert.Empty(ProviderValueRules.Check(PulumiStack.Render(TestStacks.Load(stack), TestStacks.Templates)));

    [Theory]
    [MemberData(nameof(Clouds))]
    public void Check_SameCloudInTwoRegions_NoViolation(string cloud) =>
        Assert.Empty(ProviderValueRules.Check(PulumiStack.Render(TestStacks.SameCloud(cloud), TestStacks.Templates)));

    [Fact]
    public void Check_EveryRuleAppliesToSomeRenderedValue()
    {
        var programs = new[] { "aws-gcp", "aws-azure", "gcp-azure" }.Select(p => PulumiStack.Render(TestStacks.Load(p), TestStacks.Templates)).ToList();
        var types = programs.SelectMany(p => p.Resources).Select(r => r.Type).ToHashSet();

        Assert.All(ProviderValueRules.Rules, rule => Assert.True(types.Any(rule.AppliesTo), $"{rule.ResourceType} {rule.Path}: no rendered resource of that type"));
        Assert.All(ProviderValueRules.AutoNames, rule => Assert.Contains(rule.ResourceType, types));
    }

    [Fact]
    public void Check_AwsRuleDescriptionWithApostrophe_NamesResourcePathAndCharacter()
    {
        var sg = Resource("awsHostsSg", "aws:ec2:SecurityGroup", Map(
            ("description", "Ferry aws: every host"),
            ("ingress", List(Map(("description", "SSH from the operators' range only"), ("protocol", "tcp"), ("fromPort", 22), ("toPort", 22))))));

        var problems = ProviderValueRules.Check(Program(sg));

        var problem = Assert.Single(problems);
        Assert.StartsWith("awsHostsSg.ingress[0].description: has ''', outside a-z A-Z 0-9 space and ._-:/()#,@[]+=&;{}!$*", problem);
    }

    [Fact]
    public void Check_AwsGroupDescriptionTooLong_Reported()
    {
        var sg = Resource("sg", "aws:ec2:SecurityGroup", Map(("description", new string('a', 256))));

        Assert.Contains("sg.description: 256 characters, more than 255", Assert.Single(ProviderValueRules.Check(Program(sg))));
    }

    [Fact]
    public void Check_AwsUserDataOver16K_Reported()
    {
        var vm = Resource("vm", "aws:ec2:Instance", Map(("userData", new string('x', 16385))));

        Assert.StartsWith("vm.userData: 16385 bytes, more than 16384", Assert.Single(ProviderValueRules.Check(Program(vm))));
    }

    [Theory]
    [InlineData("Ferry-net", "'Ferry-net' is not a GCP name")]
    [InlineData("ferry-", "'ferry-' is not a GCP name")]
    [InlineData("ferry-aws-gcp-a-host-name-that-is-much-too-long-for-any-gcp-resource", "is not a GCP name")]
    public void Check_GcpNameOutsideRfc1035_Reported(string name, string expected)
    {
        var network = Resource("net", "gcp:compute:Network", Map(("name", name)));

        Assert.Contains(expected, Assert.Single(ProviderValueRules.Check(Program(network))));
    }

    [Fact]
    public void Check_GcpResourceWithoutName_ReportsThatTheAutoNameIsNotAGcpName()
    {
        var network = Resource("gcpNetwork", "gcp:compute:Network", Map(("autoCreateSubnetworks", false)));

        Assert.StartsWith("gcpNetwork: Pulumi would name it from the logical name, and 'gcpNetwork-a1b2c3d' is not a GCP name", Assert.Single(ProviderValueRules.Check(Program(network))));
    }

    [Fact]
    public void Check_GcpRoutePriorityOutOfRange_Reported()
    {
        var route = Resource("r", "gcp:compute:Route", Map(("name", "ferry-r"), ("priority", 70000)));

        Assert.StartsWith("r.priority: 70000 is outside 0..65535", Assert.Single(ProviderValueRules.Check(Program(route))));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(4097)]
    public void Check_AzureNsgPriorityOutsideRange_Reported(int priority)
    {
        var nsg = Resource("nsg", "azure-native:network:NetworkSecurityGroup", Map(
            ("securityRules", List(Map(("name", "ssh"), ("priority", priority), ("direction", "Inbound"))))));

        Assert.StartsWith($"nsg.securityRules[0].priority: {priority} is outside 100..4096", Assert.Single(ProviderValueRules.Check(Program(nsg))));
    }

    [Fact]
    public void Check_AzureNsgDescriptionOver140AndSharedPriority_ReportsBoth()
    {
        var nsg = Resource("nsg", "azure-native:network:NetworkSecurityGroup", Map(
            ("securityRules", List(
                Map(("name", "a"), ("description", new string('d', 141)), ("priority", 100), ("direction", "Inbound")),
                Map(("name", "b"), ("priority", 100), ("direction", "Inbound")),
                Map(("name", "c"), ("priority", 100), ("direction", "Outbound"))))));

        var problems = ProviderValueRules.Check(Program(nsg));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("nsg.securityRules[0].description: 141 characters, more than 140", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("nsg.securityRules: 2 Inbound rules share priority 100", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_AzureAutoNamedResourceGroupTooLong_Reported()
    {
        var rg = Resource(new string('r', 85), "azure-native:resources:ResourceGroup", Map(("location", "westeurope")));

        Assert.Contains("93 characters, more than 90; set resourceGroupName", Assert.Single(ProviderValueRules.Check(Program(rg))));
    }

    [Fact]
    public void Render_AzureStackWithReservedAdminUser_ThrowsNamingTheRule()
    {
        var stack = TestStacks.SameCloud("azure") with { Admin = new AdminDefinition("198.51.100.7/32", "admin") };

        var e = Assert.Throws<PulumiRenderException>(() => PulumiStack.Render(stack, TestStacks.Templates));

        Assert.Contains("osProfile.adminUsername: 'admin' is reserved", e.Message);
    }

    [Fact]
    public void Render_GcpHostNameTooLongForGcp_ThrowsBeforePulumiUp()
    {
        var stack = TestStacks.SameCloud("gcp");
        var longName = "w" + new string('x', 60);
        var site = stack.Sites[0] with { Hosts = [stack.Sites[0].Hosts[0], new HostDefinition(longName, Provisioning.Inventory.HostRole.Workload)] };
        var wide = stack with { Sites = [site, stack.Sites[1]] };

        var e = Assert.Throws<PulumiRenderException>(() => PulumiStack.Render(wide, TestStacks.Templates));

        Assert.Contains(longName, e.Message);
    }
}

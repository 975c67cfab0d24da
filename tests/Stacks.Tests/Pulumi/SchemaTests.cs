using Ferry.TestSupport;
using Ferry.Stacks.Files;
using Ferry.Stacks.Pulumi;
using Xunit;

namespace Ferry.Stacks.Tests.Pulumi;

public class SchemaTests
{
    public static TheoryData<string> Pairs => new() { "aws-gcp", "aws-azure", "gcp-azure" };

    public static TheoryData<string> SameCloud => new() { "aws", "gcp", "azure" };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Render_CommittedPair_PassesProviderSchemaCheck(string stack)
    {
        var errors = new PulumiProgramChecker(ProviderSchema.Shared.Value).Check(TestStacks.Render(StackFile.Load(Path.Combine(RepoPaths.Stacks, $"{stack}.yaml"))));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(SameCloud))]
    public void Render_SameCloudInTwoRegions_PassesProviderSchemaCheck(string cloud)
    {
        var yaml = TestStacks.Render(TestStacks.SameCloud(cloud));

        Assert.Empty(new PulumiProgramChecker(ProviderSchema.Shared.Value).Check(yaml));
    }

    [Fact]
    public void Check_UnknownPropertyAndWrongType_ReportsBoth()
    {
        var yaml = """
            name: ferry
            resources:
              p:
                type: pulumi:providers:aws
                options: { version: "7.48.0" }
              vpc:
                type: aws:ec2:Vpc
                properties: { cidrBlock: 10.0.0.0/16, enableDnsSupport: "yes", color: blue }
                options: { provider: "${p}", version: "7.48.0" }
              subnet:
                type: aws:ec2:Subnet
                properties: { cidrBlock: "${nothing.id}" }
                options: { provider: "${p}", version: "7.0.0" }
            """;

        var errors = new PulumiProgramChecker(ProviderSchema.Shared.Value).Check(yaml);

        Assert.Contains("vpc.properties.enableDnsSupport: expected boolean, got string", errors);
        Assert.Contains(errors, e => e.StartsWith("vpc.properties.color: not a known input", StringComparison.Ordinal));
        Assert.Contains("subnet.properties: required input 'vpcId' is missing", errors);
        Assert.Contains("subnet: options.version is '7.0.0', expected the pinned aws 7.48.0", errors);
        Assert.Contains("resources.subnet.properties.cidrBlock: reference ${nothing.id} does not name a declared resource, variable or config key", errors);
    }

    [Fact]
    public void Check_NestedObjectWithUnknownKey_ReportsPath()
    {
        var yaml = """
            name: ferry
            resources:
              p:
                type: pulumi:providers:gcp
                options: { version: "9.37.0" }
              vm:
                type: gcp:compute:Instance
                properties:
                  machineType: e2-medium
                  bootDisk: { initializeParams: { image: debian-cloud/debian-13, sizeGb: 20 } }
                  networkInterfaces: [ { subnetwork: x, accessConfigs: [ { natIp: 1.2.3.4, tier: x } ] } ]
                options: { provider: "${p}", version: "9.37.0" }
            """;

        var errors = new PulumiProgramChecker(ProviderSchema.Shared.Value).Check(yaml);

        Assert.Contains(errors, e => e.StartsWith("vm.properties.bootDisk.initializeParams.sizeGb: not a known input", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("vm.properties.networkInterfaces[0].accessConfigs[0].tier: not a known input", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_EnumValueAndOutputThatDoNotExist_ReportsBoth()
    {
        var yaml = """
            name: ferry
            config:
              key: { type: string, description: x }
            resources:
              p:
                type: pulumi:providers:azure-native
                options: { version: "3.28.0" }
              rg:
                type: azure-native:resources:ResourceGroup
                options: { provider: "${p}", version: "3.28.0" }
              pip:
                type: azure-native:network:PublicIPAddress
                properties: { resourceGroupName: "${rg.nam}", publicIPAllocationMethod: Fixed }
                options: { provider: "${p}", version: "3.28.0" }
            """;

        var errors = new PulumiProgramChecker(ProviderSchema.Shared.Value).Check(yaml);

        Assert.Contains("resources.pip.properties.resourceGroupName: reference ${rg.nam}: 'nam' is not an output of rg", errors);
        Assert.Contains("pip.properties.publicIPAllocationMethod: 'Fixed' is not a value of enum network.IPAllocationMethod (Static, Dynamic)", errors);
        Assert.Contains("config.key: keys description are not part of a Pulumi YAML config declaration (type, secret, default, value)", errors);
    }

    [Fact]
    public void ProviderVersions_Constants_MatchSchemaData()
    {
        var schema = ProviderSchema.Shared.Value;

        Assert.Equal(ProviderVersions.Aws, schema.Version("aws"));
        Assert.Equal(ProviderVersions.Gcp, schema.Version("gcp"));
        Assert.Equal(ProviderVersions.AzureNative, schema.Version("azure-native"));
    }

    [Fact]
    public void RegenerateScript_Spec_ListsEveryTypeTheProgramsRender()
    {
        var spec = File.ReadAllText(Path.Combine(RepoPaths.Stacks, "pulumi", "schema", "extract.mjs"));
        var rendered = new[] { "aws-gcp", "aws-azure", "gcp-azure" }
            .SelectMany(s => PulumiStack.Render(TestStacks.Load(s), TestStacks.Templates).Resources)
            .Select(r => r.Type).Where(t => !t.StartsWith("pulumi:providers:", StringComparison.Ordinal)).Distinct().ToList();

        Assert.NotEmpty(rendered);
        Assert.Contains("gcp:compute:Route", rendered);
        Assert.Contains("azure-native:network:RouteTable", rendered);
        Assert.All(rendered, type =>
        {
            var (module, name) = (type.Split(':')[1], type.Split(':')[2]);
            Assert.Matches($@"\b{module}: \[[^\]]*""{name}""", spec);
        });
    }
}

using Ferry.Provisioning.Processes;
using Ferry.Stacks.Model;
using Ferry.Stacks.Pulumi;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>
/// Every user-data a program carries, checked by Debian's own cloud-init (<c>cloud-init schema</c>), which
/// templates/local/machine-setup.sh installs. Without it these tests fail; they never skip.
/// </summary>
public sealed class CloudInitSchemaTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ferry-cloud-init-schema-").FullName;

    public static TheoryData<string> Stacks => new() { "aws-gcp", "aws-azure", "gcp-azure", "same-aws", "same-gcp", "same-azure" };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static StackDefinition Load(string name) => name.StartsWith("same-", StringComparison.Ordinal) ? TestStacks.SameCloud(name["same-".Length..]) : TestStacks.Load(name);

    /// <summary>Each instance's user-data as the program hands it to the cloud (Azure's before base64).</summary>
    public static IReadOnlyList<(string Resource, string UserData)> UserData(PulumiProgram program) =>
        program.Resources.Select(r => (r.Name, Value: r.Type switch
        {
            "aws:ec2:Instance" => Entry(r.Properties, "userData"),
            "gcp:compute:Instance" => Entry((PulumiMap)Entry(r.Properties, "metadata"), "user-data"),
            "azure-native:compute:VirtualMachine" => ((PulumiBuiltin)Entry((PulumiMap)Entry(r.Properties, "osProfile"), "customData")).Argument,
            _ => null,
        })).Where(u => u.Value is not null).Select(u => (u.Name, ((PulumiString)u.Value!).Value)).ToList();

    private static PulumiValue Entry(PulumiMap map, string key) => map.Entries.Single(e => e.Key == key).Value;

    private async Task<CommandResult> Schema(string name, string text)
    {
        var file = Path.Combine(_dir, name + ".yaml");
        await File.WriteAllTextAsync(file, text);
        var cloudInit = new[] { "/usr/bin/cloud-init", "/usr/local/bin/cloud-init" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("cloud-init is not installed, so rendered user-data cannot be checked: run templates/local/machine-setup.sh as root (./ferry test does), or apt-get install cloud-init");
        return await ProcessRunner.RunAsync(cloudInit, ["schema", "--config-file", file], timeout: TimeSpan.FromMinutes(1));
    }

    /// <summary>The committed programs' user-data, all checked at once (each run of cloud-init starts Python).</summary>
    [Fact]
    public async Task UserData_EveryCommittedProgram_PassesCloudInitSchema()
    {
        var userData = new[] { "aws-gcp", "aws-azure", "gcp-azure" }
            .SelectMany(stack => UserData(PulumiStack.Render(Load(stack), TestStacks.Templates)).Select(u => (Name: $"{stack}-{u.Resource}", u.UserData)))
            .ToList();

        var results = await Task.WhenAll(userData.Select(async u => (u.Name, Result: await Schema(u.Name, u.UserData))));

        Assert.Equal(18, results.Length);
        Assert.All(results, r => Assert.True(r.Result.Succeeded, $"{r.Name}: cloud-init schema exit {r.Result.ExitCode}: {r.Result.StandardOutput} {r.Result.StandardError}"));
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void UserData_Rendered_OneForEveryHost(string stack)
    {
        var definition = Load(stack);

        Assert.Equal(definition.AllHosts().Count(), UserData(PulumiStack.Render(definition, TestStacks.Templates)).Count);
    }

    [Fact]
    public async Task CloudInitSchema_UserDataWithWrongTypes_IsRefused()
    {
        var result = await Schema("bad", "#cloud-config\nruncmd: 5\nssh_deletekeys: \"no\"\n");

        Assert.False(result.Succeeded);
        Assert.Contains("ssh_deletekeys", result.StandardOutput + result.StandardError);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void UserData_EveryRenderedHost_KeepsTheHostKeysItBootsWith(string stack)
    {
        var userData = UserData(PulumiStack.Render(Load(stack), TestStacks.Templates));

        Assert.NotEmpty(userData);
        Assert.All(userData, u =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(u.UserData));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            Assert.True(root.Children.TryGetValue(new YamlScalarNode("ssh_deletekeys"), out var keep) && ((YamlScalarNode)keep).Value == "false",
                $"{u.Resource}: cloud-init would replace the host keys the operator pinned (ssh_deletekeys defaults to true)");
        });
    }
}

using Ferry.Provisioning.Inventory;
using Ferry.TestSupport;

namespace Ferry.Cli.Tests.Commands;

public sealed class InventoryCommandTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string InventoryPath => Path.Combine(_workspace.State, "stacks", "aws-gcp", "inventory.json");

    [Fact]
    public async Task Inventory_FromPulumiOutputsFile_WritesInventoryWhereTheLocalCloudDoes()
    {
        var outputs = _workspace.Write("sample.json", PulumiSample.Outputs());
        var knownHosts = _workspace.Write("kh", PulumiSample.KnownHosts());

        var (exitCode, output) = await _workspace.RunAsync(
            "inventory", "--from-pulumi", "--stack", _workspace.Stack("aws-gcp"), "--outputs", outputs, "--known-hosts", knownHosts, "--key", "/keys/id_ed25519");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains($"inventory: {InventoryPath} (6 hosts)", output);
        var inventory = HostInventory.Load(InventoryPath);
        Assert.Equal("aws-gcp", inventory.Stack);
        Assert.Equal("pulumi", inventory.Cloud);
        Assert.Equal(PulumiSample.Hosts.Select(h => h.Name), inventory.Hosts.Select(h => h.Name));
        Assert.Equal(
            new InventoryHost("gcp-gw", HostRole.Gateway, "gcp", "203.0.113.20", 22, "ferry", "/keys/id_ed25519", $"203.0.113.20 {PulumiSample.HostKey}", "10.10.2.10", "203.0.113.20"),
            inventory.Host("gcp-gw"));
    }

    [Fact]
    public async Task Inventory_FromPulumiOutputsOnStdinWithJson_PrintsTheSavedInventory()
    {
        var knownHosts = _workspace.Write("kh", PulumiSample.KnownHosts());
        var stdin = Console.In;
        Console.SetIn(new StringReader(PulumiSample.Outputs()));
        try
        {
            var (exitCode, output) = await _workspace.RunAsync(
                "inventory", "--from-pulumi", "--stack", _workspace.Stack("aws-gcp"), "--outputs", "-", "--known-hosts", knownHosts, "--json");

            Assert.Equal(ExitCodes.Ok, exitCode);
            Assert.Equal(File.ReadAllText(InventoryPath), output.Trim());
        }
        finally
        {
            Console.SetIn(stdin);
        }
    }

    [Fact]
    public async Task Inventory_FromPulumiWithoutKnownHosts_ExplainsHowToPinKeysAndExitsBadInput()
    {
        var outputs = _workspace.Write("sample.json", PulumiSample.Outputs());

        var (exitCode, output) = await _workspace.RunAsync("inventory", "--from-pulumi", "--stack", _workspace.Stack("aws-gcp"), "--outputs", outputs);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("no pinned SSH host key for aws-gw (203.0.113.10)", output);
        Assert.Contains("read each key's fingerprint from the instance's console output", output);
        Assert.Contains("ferry never turns host key checking off", output);
        Assert.False(File.Exists(InventoryPath));
    }

    [Fact]
    public async Task Inventory_FromPulumiWithoutOutputsAndWithoutPulumiCli_ExitsMissingTool()
    {
        var (exitCode, output) = await _workspace.RunAsync("inventory", "--from-pulumi", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.MissingTool, exitCode);
        Assert.Contains("install the Pulumi CLI", output);
    }

    [Fact]
    public async Task Inventory_FromPulumiForALocalStack_ExitsBadInput()
    {
        var outputs = _workspace.Write("sample.json", PulumiSample.Outputs());

        var (exitCode, output) = await _workspace.RunAsync("inventory", "--from-pulumi", "--stack", _workspace.Stack("local"), "--outputs", outputs);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("stack 'local' is kind: local; this needs a kind: pulumi stack", output);
    }

    [Fact]
    public async Task Inventory_WithoutFromPulumi_ExitsBadInput()
    {
        var (exitCode, output) = await _workspace.RunAsync("inventory", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--from-pulumi", output);
    }
}

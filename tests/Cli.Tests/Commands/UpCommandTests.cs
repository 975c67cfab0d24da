namespace Ferry.Cli.Tests.Commands;

public sealed class UpCommandTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Up_PulumiStackWithoutPulumiCli_PrintsWhatToInstallAndExitsMissingTool()
    {
        var (exitCode, output) = await _workspace.RunAsync("up", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.MissingTool, exitCode);
        Assert.Contains("error: the Pulumi CLI ('pulumi') is not on PATH: install the Pulumi CLI (https://www.pulumi.com/docs/install/) and run `pulumi login --local`", output);
        Assert.DoesNotContain(" at Ferry.", output);
    }

    [Fact]
    public async Task Up_PulumiStackWithoutPulumiCli_RendersTheCommittedProgramFirst()
    {
        await _workspace.RunAsync("up", "--stack", _workspace.Stack("aws-gcp"));

        var committed = File.ReadAllText(Path.Combine(CliWorkspace.RepoRoot, "stacks", "pulumi", "aws-gcp", "Main.yaml"));
        Assert.Equal(committed, File.ReadAllText(Path.Combine(_workspace.Stacks, "pulumi", "aws-gcp", "Main.yaml")));
    }

    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    [InlineData("status")]
    [InlineData("migrate")]
    [InlineData("demo")]
    [InlineData("dashboard")]
    public async Task Twin_OfALocalStack_IsRefusedWithTheFix(string command)
    {
        var local = _workspace.Write("loc.yaml", "name: loc\nkind: local\nsites:\n  - { name: a, cloud: aws, subnet: 10.10.1.0/24, hosts: [{ name: a-gw, role: gateway }, { name: a-w1, role: workload }] }\n  - { name: b, cloud: gcp, subnet: 10.10.2.0/24, hosts: [{ name: b-gw, role: gateway }, { name: b-w1, role: workload }] }\n");
        string[] args = command == "migrate" ? ["migrate", "counter", "--from", "a-w1", "--to", "b-w1", "--stack", local, "--twin"] : [command, "--stack", local, "--twin"];

        var (exitCode, output) = await _workspace.RunAsync(args);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"--twin: {local} is kind: local; a twin stands in for a kind: pulumi stack", output);
    }

    [Fact]
    public async Task Up_BrokenStackFile_NamesTheFieldAndExitsBadInput()
    {
        var broken = File.ReadAllText(_workspace.Stack("aws-gcp")).Replace("subnet: 10.10.2.0/24", "subnet: 10.10.2.0/33", StringComparison.Ordinal);
        var path = _workspace.Write("broken.yaml", broken);

        var (exitCode, output) = await _workspace.RunAsync("up", "--stack", path);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"error: {path}:", output);
        Assert.Contains("sites[1].subnet: expected an IPv4 CIDR", output);
        Assert.Contains("'10.10.2.0/33'", output);
    }

    [Fact]
    public async Task Up_MissingStackFile_ExitsBadInput()
    {
        var (exitCode, output) = await _workspace.RunAsync("up", "--stack", Path.Combine(_workspace.Root, "none.yaml"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("no such stack file", output);
    }
}

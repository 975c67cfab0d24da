namespace Ferry.Cli.Tests.Commands;

public sealed class RenderCommandTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    public static TheoryData<string> ProgramFiles => new() { "Main.yaml", "Pulumi.yaml" };

    [Theory]
    [MemberData(nameof(ProgramFiles))]
    public async Task Render_OneStack_WritesTheCommittedProgram(string file)
    {
        var (exitCode, _) = await _workspace.RunAsync("render", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(
            File.ReadAllText(Path.Combine(CliWorkspace.RepoRoot, "stacks", "pulumi", "aws-gcp", file)),
            File.ReadAllText(Path.Combine(_workspace.Stacks, "pulumi", "aws-gcp", file)));
    }

    [Fact]
    public async Task Render_NoStack_RendersEveryPulumiStackInTheFolder()
    {
        var (exitCode, output) = await _workspace.RunAsync("render", "--stacks", _workspace.Stacks);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("3 pulumi stacks rendered", output);
        Assert.Equal(["aws-azure", "aws-gcp", "gcp-azure"], Directory.GetDirectories(Path.Combine(_workspace.Stacks, "pulumi")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Render_SecondRun_ChangesNothing()
    {
        await _workspace.RunAsync("render", "--stack", _workspace.Stack("aws-gcp"));

        var (_, output) = await _workspace.RunAsync("render", "--stack", _workspace.Stack("aws-gcp"));

        Assert.EndsWith("Main.yaml: unchanged", output.Trim());
    }

    [Fact]
    public async Task Render_LocalStack_ExitsBadInput()
    {
        var (exitCode, output) = await _workspace.RunAsync("render", "--stack", _workspace.Stack("local"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("kind: local", output);
    }
}

namespace Ferry.Cli.Tests.Commands;

public sealed class DownCommandTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Down_PulumiStackWithoutPulumiCli_PrintsWhatToInstallAndExitsMissingTool()
    {
        var (exitCode, output) = await _workspace.RunAsync("down", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.MissingTool, exitCode);
        Assert.Contains("install the Pulumi CLI", output);
    }
}

using Ferry.Cli.Tests.Reports;

namespace Ferry.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Report_RunDirectory_WritesASelfContainedPageBesideResultJson()
    {
        var dir = ReportSamples.WriteRun(Path.Combine(_workspace.Root, "runs"), ReportSamples.Run("20261130-090000-counter-abc123", "cold", 1.5, clients: 5), 5);

        var (exitCode, output) = await _workspace.RunAsync("report", dir);

        var html = await File.ReadAllTextAsync(Path.Combine(dir, "report.html"));
        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains($"report: {Path.Combine(dir, "report.html")}", output);
        Assert.Equal(2, html.Split("<svg class=\"plot\"").Length - 1);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Fact]
    public async Task Report_BenchDirectory_ReadsMigrationsCsvBackWithTheRatios()
    {
        var dir = ReportSamples.WriteBench(Path.Combine(_workspace.Root, "bench"));

        var (exitCode, _) = await _workspace.RunAsync("report", dir, "--output", Path.Combine(_workspace.Root, "b.html"));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("<td>0.020&#215;</td>", await File.ReadAllTextAsync(Path.Combine(_workspace.Root, "b.html")));
    }

    [Fact]
    public async Task Report_DirectoryWithoutResultOrCsv_SaysWhatToGive()
    {
        var (exitCode, output) = await _workspace.RunAsync("report", _workspace.Root);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("no migrations.csv; give a bench directory such as bench/<time>", output);
    }

    [Fact]
    public async Task Bench_UnknownBaseline_IsRefusedBeforeAnythingBoots()
    {
        var apps = Directory.CreateDirectory(Path.Combine(_workspace.Stacks, "apps")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(CliWorkspace.RepoRoot, "stacks", "apps"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(apps, Path.GetFileName(file)));
        }

        var (exitCode, output) = await _workspace.RunAsync("bench", "migrate", "--stack", _workspace.Stack("local"), "--baseline", "docker");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--baseline: 'docker' is not known; the one baseline is 'podman'", output);
    }

    [Fact]
    public async Task Bench_UnknownApp_NamesTheField()
    {
        var (exitCode, output) = await _workspace.RunAsync("bench", "migrate", "--stack", _workspace.Stack("local"), "--apps", "redis,nope");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--apps: no application 'redis' in", output);
    }
}

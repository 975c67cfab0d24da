using System.Runtime.Versioning;
using Ferry.Cli.Bench;
using Ferry.MigrationSteps.Results;

namespace Ferry.Cli.Tests.Bench;

/// <summary>
/// <c>ferry bench migrate --baseline podman</c> for real on the bench's own local cloud: redis moved by ferry
/// and by Podman's checkpoint export/import between the two sites through the VPN, each move's state checked.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PodmanBaselineTests
{
    [Fact]
    public async Task Bench_WithPodmanBaseline_MovesRedisBothWaysWithItsStateAndReportsTheRatio()
    {
        var state = Environment.GetEnvironmentVariable("FERRY_STATE");
        var path = Environment.GetEnvironmentVariable("PATH");
        using var workspace = new CliWorkspace();
        // The host image is cached under the machine's state, and the bench runs the machine's tools.
        Environment.SetEnvironmentVariable("FERRY_STATE", state);
        Environment.SetEnvironmentVariable("PATH", path);
        var apps = Directory.CreateDirectory(Path.Combine(workspace.Stacks, "apps")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(CliWorkspace.RepoRoot, "stacks", "apps")))
        {
            File.Copy(file, Path.Combine(apps, Path.GetFileName(file)));
        }

        var output = Path.Combine(workspace.Root, "bench");
        var (exitCode, printed) = await workspace.RunAsync("bench", "migrate", "--stack", workspace.Stack("local"), "-n", "1", "--links", "100",
            "--apps", "redis", "--sizes", "8", "--strategies", "cold", "--baseline", "podman", "--output", output);

        Assert.True(exitCode == ExitCodes.Ok, printed);
        var rows = BenchRow.ParseCsv(File.ReadAllText(Path.Combine(output, "migrations.csv")));
        Assert.Equal(["cold", "podman"], rows.Select(r => r.Strategy));
        Assert.All(rows, r =>
        {
            // The state check read redis's key count and checksum through the app's address before and after.
            Assert.Equal("ok", r.State);
            Assert.Equal("succeeded", r.Outcome);
            Assert.True(r.DowntimeSeconds > 0, $"{r.Strategy}: downtime {r.DowntimeSeconds}");
            Assert.True(r.BytesSent > 8 << 20, $"{r.Strategy}: {r.BytesSent} bytes sent for 8 MiB of random values");
        });
        var podman = MigrationResult.FromJson(File.ReadAllText(Path.Combine(output, "runs", rows[1].RunId, "result.json")));
        Assert.Equal("gcp-w1", podman.RunningOn);
        Assert.Contains(podman.Steps, s => s.Kind == Ferry.MigrationSteps.Steps.StepKind.Restore && s.Seconds > 0);
        var report = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("Ferry against Podman", report);
        var ratio = (rows[0].DowntimeSeconds!.Value / rows[1].DowntimeSeconds!.Value).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"<td>{ratio}", report);
        Assert.Contains("redis 8 MiB 100mbit: ferry cold", printed);
        Assert.Contains("stack 'bench' is down", printed);
    }
}

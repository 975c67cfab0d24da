using System.Globalization;
using System.Text;
using System.Text.Json;
using Ferry.Cli.Bench;
using Ferry.MigrationSteps.Criu;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Scripts;

namespace Ferry.Cli.Tests.Reports;

/// <summary>Run and bench directories shaped like the ones ferry writes, with known figures.</summary>
public static class ReportSamples
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A move whose steps take the given seconds in order, with the freeze at the checkpoint's start.</summary>
    public static MigrationResult Run(string id, string strategy, double downtime, double transferSeconds = 0.4, int? clients = null)
    {
        var steps = new List<StepResult>();
        var at = Start;
        var freeze = 0.0;
        foreach (var (kind, host, seconds) in new[]
        {
            (StepKind.Preflight, "aws-w1", 0.15), (StepKind.Hold, "front", 0.05), (StepKind.Checkpoint, "aws-w1", 0.3),
            (StepKind.Transfer, "aws-w1", transferSeconds), (StepKind.Restore, "gcp-w1", 0.35), (StepKind.CutOver, "front", 0.2), (StepKind.CleanupSource, "aws-w1", 0.5),
        })
        {
            var metrics = new Dictionary<string, string>();
            if (kind == StepKind.Checkpoint)
            {
                freeze = at.ToUnixTimeMilliseconds() / 1000.0;
                metrics[OutputKeys.FreezeStart] = freeze.ToString("F6", CultureInfo.InvariantCulture);
            }

            steps.Add(new StepResult(kind, host, StepRole.Source, StepStatus.Succeeded, at, at.AddSeconds(seconds), 0, metrics, null, null));
            at = at.AddSeconds(seconds);
        }

        steps.Add(StepResult.Skipped(new MigrationStep<ReleaseInputs>("front", StepRole.Router, new ReleaseInputs([])), "the migration succeeded; nothing to roll back"));
        return new MigrationResult(id, clients is null ? "redis" : "counter", "aws-w1", "gcp-w1", strategy, "requested", MigrationOutcome.Succeeded, "gcp-w1", null,
            Start, at, downtime * 0.8, downtime, null, (at - Start).TotalSeconds - 0.5, (at - Start).TotalSeconds, 90_000_000, 89_000_000,
            new Dictionary<string, CriuStats>(), [], steps)
        {
            Probe = clients is { } n ? new ProbeSummary(n, 1000, 1000, 0, new Dictionary<string, int>(), downtime + 0.1,
                new ProbeLatency(new ProbeWindow(0, downtime + 2, "requests that started from 1 s before the freeze to 1 s after the downtime ended"), 400, 0, 3, 900, 1000), 8) : null,
        };
    }

    /// <summary>Requests every 20 ms per client from 3 s before the freeze to 6 s after; those started in the downtime wait it out.</summary>
    public static string ProbeCsv(MigrationResult run, int clients)
    {
        var freeze = double.Parse(run.Steps.First(s => s.Kind == StepKind.Checkpoint).Metrics[OutputKeys.FreezeStart], CultureInfo.InvariantCulture);
        var csv = new StringBuilder("client,start,end,status,body\n");
        for (var c = 0; c < clients; c++)
        {
            for (var t = -3.0; t < 6; t += 0.02)
            {
                var start = freeze + t + c * 0.001;
                var end = t >= 0 && t < run.DowntimeSeconds ? freeze + run.DowntimeSeconds!.Value + 0.01 : start + 0.004;
                csv.Append(FormattableString.Invariant($"{c},{start:F6},{end:F6},200,1\n"));
            }
        }

        return csv.ToString();
    }

    public static string WriteRun(string runs, MigrationResult run, int? clients = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(runs, run.Id)).FullName;
        File.WriteAllText(Path.Combine(dir, "result.json"), run.ToJson());
        if (clients is { } n)
        {
            File.WriteAllText(Path.Combine(dir, "probe.csv"), ProbeCsv(run, n));
        }

        return dir;
    }

    /// <summary>A bench directory: redis at two sizes with lazy, cold and podman, and the counter under 20 clients.</summary>
    public static string WriteBench(string root)
    {
        var rows = new List<BenchRow>();
        var runs = Path.Combine(root, "runs");
        var n = 0;
        foreach (var size in new[] { 64, 256 })
        {
            foreach (var (strategy, downtime) in new[] { ("lazy", 0.7), ("cold", size / 8.0), ("podman", size / 7.0 + 2) })
            {
                for (var rep = 1; rep <= 2; rep++)
                {
                    var run = Run($"run-{++n}", strategy, downtime + rep * 0.05, strategy == "lazy" ? 0.2 : downtime - 0.8);
                    WriteRun(runs, run);
                    rows.Add(new BenchRow("redis", "100mbit", size, strategy, 0, rep, "succeeded", run.FreezeSeconds, run.DowntimeSeconds, null, run.MigrationSeconds,
                        run.TotalSeconds, run.BytesSent, 0.3, null, null, null, null, null, null, "ok", run.Id));
                }
            }
        }

        foreach (var strategy in new[] { "lazy", "cold" })
        {
            var run = Run($"run-{++n}", strategy, strategy == "lazy" ? 0.8 : 1.3, clients: 20);
            WriteRun(runs, run, 20);
            rows.Add(new BenchRow("counter", "100mbit", 0, strategy, 20, 1, "succeeded", run.FreezeSeconds, run.DowntimeSeconds, null, run.MigrationSeconds,
                run.TotalSeconds, run.BytesSent, 0.3, 1000, 0, run.DowntimeSeconds + 0.1, 3, 900, null, "ok", run.Id));
        }

        File.WriteAllLines(Path.Combine(root, "migrations.csv"), [BenchRow.Header, .. rows.Select(r => r.ToCsv())]);
        HostFacts Facts(string host, MemoryCosts? costs) => new(host, "b1", "4.2.1", "1.3.0", "ok", false, true, true, 4 << 20, "6.18.44", [], costs);
        File.WriteAllText(Path.Combine(root, "hosts-100mbit.json"), JsonSerializer.Serialize(new[] { Facts("aws-w1", new MemoryCosts(2, 4535, 1987)), Facts("gcp-w1", null) }));
        return root;
    }
}

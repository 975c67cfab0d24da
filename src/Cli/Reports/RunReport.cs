using System.Globalization;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;

namespace Ferry.Cli.Reports;

/// <summary>The report of one move, from runs/&lt;id&gt;/result.json and, when clients ran, probe.csv.</summary>
public static class RunReport
{
    public static HtmlPage Build(string runDirectory)
    {
        var resultPath = Path.Combine(runDirectory, "result.json");
        if (!File.Exists(resultPath))
        {
            throw new UsageException($"{runDirectory}: no result.json; give a run directory such as runs/<id>");
        }

        var run = MigrationResult.FromJson(File.ReadAllText(resultPath));
        var samples = ProbeSamples(runDirectory);
        var page = new HtmlPage($"ferry: {run.App} {run.From} → {run.To} ({run.Strategy}), {run.Outcome.ToString().ToLowerInvariant()}");
        page.Table(["figure", "value"], Figures(run));
        page.Heading("Timeline").Figure(ReportPlots.StepTimeline(run),
            "Each step that ran, by host. Red: downtime (freeze until the app answers its health check through the new route); pink: post-copy pages still arriving.");
        if (samples.Count > 0)
        {
            page.Heading("What clients saw").Figure(ReportPlots.Latency($"{run.App}: {run.Probe?.Clients} clients, latency around the freeze", run, samples),
                "Every request by start time (at most 3000 answered ones drawn, every failed one); the orange line is the slowest answer in each 100 ms.");
        }

        page.Heading("Steps").Table(["step", "host", "status", "seconds", "why skipped / error"],
            run.Steps.Select(s => (IReadOnlyList<string>)[s.Kind.Name(), s.Host, s.Status.ToString().ToLowerInvariant(), s.Seconds?.ToString("F3", CultureInfo.InvariantCulture) ?? "-", s.SkipReason ?? s.Error ?? ""]));
        return page;
    }

    public static IReadOnlyList<ProbeSample> ProbeSamples(string runDirectory)
    {
        var path = Path.Combine(runDirectory, "probe.csv");
        return File.Exists(path) ? ProbeSample.ParseCsv(File.ReadAllText(path)) : [];
    }

    private static IEnumerable<IReadOnlyList<string>> Figures(MigrationResult r)
    {
        yield return ["strategy", $"{r.Strategy} ({r.StrategyReason})"];
        yield return ["outcome", r.Outcome.ToString().ToLowerInvariant() + (r.Reason is null ? "" : $": {r.Reason}")];
        yield return ["runs on", r.RunningOn ?? "unknown"];
        yield return ["frozen s (checkpoint → restored)", S(r.FreezeSeconds)];
        yield return ["downtime s (freeze → answered through the new route)", S(r.DowntimeSeconds)];
        yield return ["degraded s (restored → last page local)", S(r.DegradedSeconds)];
        yield return ["migration s (start → cut-over)", S(r.MigrationSeconds)];
        yield return ["total s (with cleanup)", S(r.TotalSeconds)];
        yield return ["bytes sent", r.BytesSent.ToString("N0", CultureInfo.InvariantCulture)];
        if (r.Probe is { } p)
        {
            yield return ["clients", $"{p.Clients} concurrent, {p.Requests:N0} requests, {p.Failed} failed"];
            if (p.Writes is { } writes)
            {
                yield return ["writes (acknowledged, then looked up)", writes.Describe()];
            }

            yield return ["client-side gap s", S(p.ClientGapSeconds)];
            yield return ["latency ms", Latency(p.Latency)];
            if (p.Degraded is { } degraded)
            {
                yield return ["latency ms while degraded", Latency(degraded)];
            }
        }
    }

    private static string Latency(ProbeLatency l) => l.P99Ms is null
        ? $"no request started in {l.Window.Seconds:F1} s ({l.Window.Basis})"
        : FormattableString.Invariant($"p50 {l.P50Ms:F1}, p99 {l.P99Ms:F1}, max {l.MaxMs:F1} over {l.Requests:N0} {l.Window.Basis}");

    private static string S(double? seconds) => seconds?.ToString("F3", CultureInfo.InvariantCulture) ?? "not measured";
}

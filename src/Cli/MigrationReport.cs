using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Spectre.Console;

namespace Ferry.Cli;

/// <summary>How a migration looks on a terminal: a line per step as it ends, then phase times and figures.</summary>
public static class MigrationReport
{
    /// <summary>Scripts report long work (bytes sent and rate, post-copy pages served) as "progress …" lines.</summary>
    public static bool IsProgressLine(string line) => line.StartsWith("progress ", StringComparison.Ordinal);

    public static void Progress(StepEvent e)
    {
        if (e is { Phase: StepEventPhase.Output, Line: { } line } && IsProgressLine(line))
        {
            AnsiConsole.MarkupLineInterpolated($"  [grey]{e.StepId,-32} {line["progress ".Length..]}[/]");
            return;
        }

        if (e is { Phase: StepEventPhase.Finished, Result: { } r })
        {
            var mark = r.Status switch
            {
                StepStatus.Succeeded => "[green]ok[/]",
                StepStatus.Failed => "[red]failed[/]",
                _ => "[grey]skipped[/]",
            };
            AnsiConsole.MarkupLine($"  {Markup.Escape(e.StepId),-32} {r.Seconds,8:F3} s  {mark}");
        }
    }

    private static string Latency(ProbeLatency l) => l.P99Ms is null
        ? $"no request started in {l.Window.Seconds:F1} s ({l.Window.Basis})"
        : $"p50 {l.P50Ms:F1} ms, p99 {l.P99Ms:F1} ms, max {l.MaxMs:F1} ms over {l.Requests:N0} {l.Window.Basis}";

    public static void Write(MigrationResult result, string runDirectory)
    {
        var table = new Table().AddColumns("step", "host", "status", "seconds");
        foreach (var step in result.Steps.Where(s => s.Status != StepStatus.Skipped))
        {
            table.AddRow(step.Kind.Name(), step.Host, step.Status.ToString().ToLowerInvariant(), step.Seconds?.ToString("F3") ?? "");
        }

        AnsiConsole.Write(table);
        var summary = new Table().AddColumns("figure", "value");
        summary.AddRow("outcome", result.Outcome == MigrationOutcome.Succeeded ? "[green]succeeded[/]" : $"[red]{System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(result.Outcome.ToString())}[/]");
        summary.AddRow("strategy", Markup.Escape($"{result.Strategy} ({result.StrategyReason})"));
        summary.AddRow("runs on", result.RunningOn ?? "[red]unknown[/]");
        summary.AddRow("frozen (checkpoint → restored)", result.FreezeSeconds is { } fz ? $"{fz:F3} s" : "not measured");
        summary.AddRow("downtime (freeze → health check answered)", result.DowntimeSeconds is { } d ? $"{d:F3} s" : "not measured");
        if (result.DegradedSeconds is { } degraded)
        {
            summary.AddRow("degraded (restored → last page local)", $"{degraded:F3} s");
        }
        summary.AddRow("migration (start → cut-over)", result.MigrationSeconds is { } m ? $"{m:F3} s" : "-");
        summary.AddRow("total (with cleanup)", $"{result.TotalSeconds:F3} s");
        summary.AddRow("bytes sent", $"{result.BytesSent:N0}" + (result.Compressed is { } compressed ? compressed ? " (images compressed, zstd level 3)" : " (images uncompressed)" : ""));
        foreach (var (container, stats) in result.Criu)
        {
            var parts = new[]
            {
                stats.FrozenMs is { } frozen ? $"frozen {frozen:F1} ms" : null,
                stats.MemdumpMs is { } memdump ? $"memdump {memdump:F1} ms" : null,
                stats.PagesWritten is { } written ? $"pages written {written}" : null,
                stats.RestoreMs is { } restore ? $"restore {restore:F1} ms" : null,
            };
            summary.AddRow($"criu {container}", Markup.Escape(string.Join(", ", parts.OfType<string>())));
        }

        if (result.Probe is { } p)
        {
            summary.AddRow("clients", $"{p.Clients} concurrent, {p.Requests:N0} requests, [{(p.Failed == 0 ? "green" : "red")}]{p.Failed} failed[/]");
            if (p.Writes is { } writes)
            {
                summary.AddRow("writes", $"[{(writes.Kept ? "green" : "red")}]{Markup.Escape(writes.Describe())}[/] (the probe's comments, looked up after the move)");
            }

            summary.AddRow("client gap", $"{p.ClientGapSeconds:F3} s (longest time with no successful answer)");
            summary.AddRow("latency", Markup.Escape(Latency(p.Latency)));
            if (p.Degraded is { } degradedLatency)
            {
                summary.AddRow("latency while degraded", Markup.Escape(Latency(degradedLatency)));
            }
        }

        if (result.Reason is not null)
        {
            summary.AddRow("reason", Markup.Escape(result.Reason));
        }

        summary.AddRow("result", Markup.Escape(Path.Combine(runDirectory, "result.json")));
        AnsiConsole.Write(summary);
    }
}

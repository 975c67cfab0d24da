using System.Globalization;
using Ferry.Cli.Bench;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Scripts;

namespace Ferry.Cli.Reports;

/// <summary>The report's plots, each built from measured records only.</summary>
public static class ReportPlots
{
    /// <summary>Fixed colours per step, so the same phase looks the same in every timeline.</summary>
    private static readonly Dictionary<StepKind, string> PhaseColors = new()
    {
        [StepKind.Preflight] = "#9edae5",
        [StepKind.PrepareTarget] = "#17becf",
        [StepKind.Hold] = "#c7c7c7",
        [StepKind.PreDump] = "#bcbd22",
        [StepKind.Checkpoint] = "#d62728",
        [StepKind.Transfer] = "#ff7f0e",
        [StepKind.Restore] = "#2ca02c",
        [StepKind.CutOver] = "#1f77b4",
        [StepKind.Release] = "#7f7f7f",
        [StepKind.RollbackSource] = "#8c564b",
        [StepKind.RollbackTarget] = "#c49c94",
        [StepKind.CleanupSource] = "#dbdb8d",
        [StepKind.CleanupTarget] = "#e7e7a0",
    };

    private const string DowntimeColor = "#d62728";
    private const string DegradedColor = "#ff9896";

    /// <summary>The epoch second the freeze began (the checkpoint script's own clock), when measured.</summary>
    public static double? FreezeStart(MigrationResult run) =>
        run.Steps.Where(s => s.Kind == StepKind.Checkpoint)
            .Select(s => s.Metrics.GetValueOrDefault(OutputKeys.FreezeStart))
            .FirstOrDefault(v => v is not null) is { } text && double.TryParse(text, CultureInfo.InvariantCulture, out var t) ? t : null;

    /// <summary>One row per step of one move, in the order they started, with the downtime and degraded windows below.</summary>
    public static SvgChart StepTimeline(MigrationResult run)
    {
        var steps = Ran(run).OrderBy(s => s.StartedAt).ToList();
        var origin = Origin(run);
        var end = steps.Select(s => Seconds(s.EndedAt, origin)).DefaultIfEmpty(1).Max();
        var labels = steps.Select(s => s.Id).Append("downtime / degraded").ToList();
        var chart = new SvgChart($"{run.App}: {run.Strategy} {run.From} → {run.To}, per step", 900, 80 + labels.Count * 22, legendLines: 2)
            .Rows(labels, "seconds since the migration started", end * 1.02);
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var color = PhaseColors.GetValueOrDefault(s.Kind, "#999");
            chart.Series(s.Kind.Name(), color);
            chart.Span(i, Seconds(s.StartedAt, origin), Seconds(s.EndedAt, origin), s.Status == StepStatus.Failed ? "#000" : color,
                FormattableString.Invariant($"{s.Id}: {s.Seconds:F3} s ({s.Status.ToString().ToLowerInvariant()})"));
        }

        Windows(chart, run, steps.Count, origin);
        return chart;
    }

    /// <summary>One row per strategy: each run's phases side by side on the same time axis.</summary>
    public static SvgChart PhaseTimeline(string title, IReadOnlyList<(string Label, MigrationResult Run)> runs)
    {
        var end = runs.SelectMany(r => Ran(r.Run).Select(s => Seconds(s.EndedAt, Origin(r.Run)))).DefaultIfEmpty(1).Max();
        var chart = new SvgChart(title, 900, 110 + runs.Count * 40, legendLines: 2).Rows(runs.Select(r => r.Label).ToList(), "seconds since the migration started", end * 1.02);
        for (var i = 0; i < runs.Count; i++)
        {
            var (label, run) = runs[i];
            var origin = Origin(run);
            var steps = Ran(run).ToList();

            // Steps on several hosts at once (cut-over on four) overlap: draw each kind once, from its first start to its last end.
            foreach (var kind in steps.GroupBy(s => s.Kind))
            {
                var color = PhaseColors.GetValueOrDefault(kind.Key, "#999");
                chart.Series(kind.Key.Name(), color);
                var from = kind.Min(s => Seconds(s.StartedAt, origin));
                var to = kind.Max(s => Seconds(s.EndedAt, origin));
                chart.Span(i, from, to, color, FormattableString.Invariant($"{label}: {kind.Key.Name()} {to - from:F3} s"), 0.45, 0.1);
            }

            Windows(chart, run, i, origin, 0.16, -0.28);
        }

        chart.Series("downtime", DowntimeColor);
        return chart;
    }

    /// <summary>Each request's latency by when it started, relative to the freeze, with the downtime window marked.</summary>
    public static SvgChart Latency(string title, MigrationResult run, IReadOnlyList<ProbeSample> samples, double width = 900, double height = 320)
    {
        var freeze = FreezeStart(run) ?? samples.Select(s => s.Start).DefaultIfEmpty(0).Min();
        var downtime = run.DowntimeSeconds ?? 0;
        var from = Math.Max(-3, samples.Select(s => s.Start - freeze).DefaultIfEmpty(-3).Min());
        var to = Math.Min(downtime + 6, samples.Select(s => s.Start - freeze).DefaultIfEmpty(6).Max());
        var window = samples.Where(s => s.Start - freeze >= from && s.Start - freeze <= to).ToList();
        var chart = new SvgChart(title, width, height)
            .X(from, Math.Max(to, from + 1), "request start, seconds from the freeze")
            .Y(Math.Max(0.1, window.Select(s => s.LatencyMs).DefaultIfEmpty(1).Min()), window.Select(s => s.LatencyMs).DefaultIfEmpty(10).Max(), "latency ms (log)", log: true);
        if (run.DowntimeSeconds is { } d)
        {
            chart.Band(0, d, DowntimeColor, FormattableString.Invariant($"downtime {d:F3} s"));
        }

        if (run.DegradedSeconds is { } degraded && run.FreezeSeconds is { } frozen)
        {
            chart.Band(frozen, frozen + degraded, DegradedColor, FormattableString.Invariant($"pages still arriving {degraded:F2} s"));
        }

        // A bounded number of marks keeps the page light; every failed request is always drawn.
        var ok = window.Where(s => s.Succeeded).ToList();
        var stride = Math.Max(1, ok.Count / 3000);
        chart.Series("answered", SvgChart.Palette[0]);
        chart.Points(ok.Where((_, i) => i % stride == 0).Select(s => (s.Start - freeze, s.LatencyMs, Tip(s, freeze))), SvgChart.Palette[0], 1.6);
        var failed = window.Where(s => !s.Succeeded).ToList();
        if (failed.Count > 0)
        {
            chart.Series($"failed ({failed.Count})", "#000");
            chart.Points(failed.Select(s => (s.Start - freeze, Math.Max(s.LatencyMs, 0.1), Tip(s, freeze))), "#000", 2.6);
        }

        // The slowest answer in each 100 ms: the envelope clients felt.
        var envelope = ok.GroupBy(s => Math.Floor((s.Start - freeze) * 10) / 10).OrderBy(g => g.Key).Select(g => (g.Key, g.Max(s => s.LatencyMs))).ToList();
        chart.Series("slowest per 100 ms", SvgChart.Palette[1]);
        var segment = new List<(double, double)>();
        foreach (var point in envelope)
        {
            // A 100 ms with no request started breaks the line rather than bridging the gap.
            if (segment.Count > 0 && point.Key - segment[^1].Item1 > 0.15)
            {
                chart.Line(segment, SvgChart.Palette[1], "slowest answer per 100 ms");
                segment = [];
            }

            segment.Add(point);
        }

        chart.Line(segment, SvgChart.Palette[1], "slowest answer per 100 ms");
        return chart;
    }

    /// <summary>Downtime by data size, one colour per strategy: every run as a point, the means joined.</summary>
    public static SvgChart DowntimeBySize(string title, IReadOnlyList<BenchRow> rows)
    {
        var measured = rows.Where(r => r.DowntimeSeconds is not null && r.Outcome == "succeeded").ToList();
        var chart = new SvgChart(title, 900, 320)
            .X(0, measured.Select(r => (double)r.SizeMb).DefaultIfEmpty(1).Max() * 1.05, "data loaded, MiB")
            .Y(0, measured.Select(r => r.DowntimeSeconds!.Value).DefaultIfEmpty(1).Max() * 1.1, "downtime s");
        foreach (var (strategy, i) in measured.Select(r => r.Strategy).Distinct().Select((s, i) => (s, i)))
        {
            var color = StrategyColor(strategy, i);
            chart.Series(strategy, color);
            var mine = measured.Where(r => r.Strategy == strategy).ToList();
            chart.Points(mine.Select(r => ((double)r.SizeMb, r.DowntimeSeconds!.Value, FormattableString.Invariant($"{strategy} {r.SizeMb} MiB #{r.Repetition}: {r.DowntimeSeconds:F3} s"))), color, 3);
            chart.Line(mine.GroupBy(r => r.SizeMb).OrderBy(g => g.Key).Select(g => ((double)g.Key, g.Average(r => r.DowntimeSeconds!.Value))), color, $"{strategy}: mean downtime by size");
        }

        return chart;
    }

    /// <summary>Mean downtime of Podman's export/import beside each Ferry strategy, per cell, with the ratio of Ferry's best.</summary>
    public static SvgChart FerryVsPodman(string title, IReadOnlyList<BenchSummary> summary)
    {
        var cells = summary.Where(s => s.Downtime is not null)
            .GroupBy(BaselineRatio.Cell)
            .Where(g => g.Any(s => s.Strategy == BaselineRatio.Podman) && g.Any(s => s.Strategy != BaselineRatio.Podman))
            .ToList();
        var strategies = cells.SelectMany(g => g.Select(s => s.Strategy)).Distinct().OrderBy(s => s == BaselineRatio.Podman ? 1 : 0).ThenBy(s => s).ToList();
        var max = cells.SelectMany(g => g.Select(s => s.Downtime!.Value.Mean)).DefaultIfEmpty(1).Max();
        var chart = new SvgChart(title, 900, 340).Categorical().X(0, Math.Max(1, cells.Count), "").Y(0.01, max, "mean downtime s (log)", log: true);
        var width = 0.8 / Math.Max(1, strategies.Count);
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            var ratio = BaselineRatio.From(cell.ToList());
            chart.XLabel(c + 0.5, $"{cell.Key.App} {cell.Key.SizeMb} MiB {cell.Key.Link}" + (ratio is { } r ? FormattableString.Invariant($" · {r.Ratio:F3}×") : ""));
            for (var i = 0; i < strategies.Count; i++)
            {
                if (cell.FirstOrDefault(s => s.Strategy == strategies[i]) is not { Downtime: { } d } s)
                {
                    continue;
                }

                var color = StrategyColor(strategies[i], i);
                chart.Series(strategies[i], color);
                chart.Bar(c + 0.1 + width * (i + 0.5), width * 0.9, d.Mean, color,
                    FormattableString.Invariant($"{s.Strategy}, {cell.Key.App} {cell.Key.SizeMb} MiB {cell.Key.Link}: {d.Mean:F3} ± {d.Sd:F3} s over {s.Succeeded} runs"),
                    d.Mean.ToString("0.##", CultureInfo.InvariantCulture));
            }
        }

        return chart;
    }

    public static string StrategyColor(string strategy, int index) => strategy switch
    {
        "cold" => SvgChart.Palette[0],
        "precopy" => SvgChart.Palette[2],
        "pageserver" => SvgChart.Palette[4],
        "lazy" => SvgChart.Palette[1],
        "hybrid" => SvgChart.Palette[9],
        "auto" => SvgChart.Palette[6],
        BaselineRatio.Podman => "#444",
        _ => SvgChart.Palette[index % SvgChart.Palette.Count],
    };

    private static void Windows(SvgChart chart, MigrationResult run, int row, DateTimeOffset origin, double thickness = 0.3, double offset = 0)
    {
        if (FreezeStart(run) is not { } freeze)
        {
            return;
        }

        var start = freeze - origin.ToUnixTimeMilliseconds() / 1000.0;
        if (run.DowntimeSeconds is { } d)
        {
            chart.Span(row, start, start + d, DowntimeColor, FormattableString.Invariant($"downtime {d:F3} s (freeze → answered through the new route)"), thickness, offset);
        }

        if (run.DegradedSeconds is { } degraded && run.FreezeSeconds is { } frozen)
        {
            chart.Span(row, start + frozen, start + frozen + degraded, DegradedColor, FormattableString.Invariant($"degraded {degraded:F3} s (pages still arriving)"), thickness, offset);
        }
    }

    private static IEnumerable<StepResult> Ran(MigrationResult run) =>
        run.Steps.Where(s => s.Status != StepStatus.Skipped && s.StartedAt is not null && s.EndedAt is not null);

    private static DateTimeOffset Origin(MigrationResult run) =>
        Ran(run).Select(s => s.StartedAt!.Value).DefaultIfEmpty(run.StartedAt).Min();

    private static double Seconds(DateTimeOffset? at, DateTimeOffset origin) => at is { } t ? (t - origin).TotalSeconds : 0;

    private static string Tip(ProbeSample s, double freeze) =>
        FormattableString.Invariant($"client {s.Client}: started {s.Start - freeze:+0.000;-0.000} s, {s.LatencyMs:F1} ms, {s.Status}");
}

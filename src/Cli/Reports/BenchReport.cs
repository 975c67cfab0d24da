using System.Globalization;
using System.Text.Json;
using Ferry.Cli.Bench;
using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Results;

namespace Ferry.Cli.Reports;

/// <summary>The report of a bench: bench/&lt;time&gt;/report.html from migrations.csv and each run's own record.</summary>
public static class BenchReport
{
    public static HtmlPage Build(string benchDirectory, IReadOnlyList<BenchRow>? rows = null)
    {
        var csv = Path.Combine(benchDirectory, "migrations.csv");
        if (rows is null && !File.Exists(csv))
        {
            throw new UsageException($"{benchDirectory}: no migrations.csv; give a bench directory such as bench/<time>");
        }

        rows ??= BenchRow.ParseCsv(File.ReadAllText(csv));
        var summary = BenchSummary.From(rows);
        var ratios = BaselineRatio.All(summary);
        var page = new HtmlPage($"ferry bench: {rows.Count} migrations, {rows.Count(r => r.Outcome == "succeeded")} succeeded");
        page.Paragraph("Downtime: from the freeze (checkpoint start) until the application answers its health check through the new route. "
            + "Podman's: from `podman container checkpoint --export` until the restored container answers on the target host (no route change, so in Podman's favour). "
            + "Podman moves without clients; each ratio takes Ferry's moves with the fewest probe clients, again in Podman's favour, and only a strategy whose every move succeeded without a failed request.");

        var hosts = Hosts(benchDirectory);
        if (hosts.Count > 0)
        {
            page.Heading("Hosts").Table(["link", "host", "CPUs", "fault fresh memory in, ms/GiB", "first read of kernel-filled memory, ms/GiB", "kernel", "criu"],
                hosts.Select(h => (IReadOnlyList<string>)[h.Link, h.Facts.Host, h.Facts.MemoryCosts?.Cpus.ToString(CultureInfo.InvariantCulture) ?? "-",
                    h.Facts.MemoryCosts?.FaultMsPerGiB.ToString("F0", CultureInfo.InvariantCulture) ?? "-",
                    h.Facts.MemoryCosts?.FirstTouchMsPerGiB.ToString("F0", CultureInfo.InvariantCulture) ?? "-", h.Facts.Kernel, h.Facts.CriuVersion]), "hosts");
            page.Paragraph("What memory costs on the workload hosts, measured with their facts: a restore pays the first for every page criu brings in itself, "
                + "and an application the second on its first pass over memory a lazy-pages fill brought in. Read the figures below against them.");
        }

        if (ratios.Count > 0)
        {
            page.Heading("Ferry against Podman").Table(["app", "link", "MiB", "Ferry's clients", "Ferry's best", "Ferry s", "Podman s", "Ferry / Podman"],
                ratios.Select(r => (IReadOnlyList<string>)[r.App, r.Link, r.SizeMb.ToString(CultureInfo.InvariantCulture), r.Clients.ToString(CultureInfo.InvariantCulture),
                    r.FerryStrategy, F(r.FerrySeconds), F(r.PodmanSeconds), r.Ratio.ToString("0.000", CultureInfo.InvariantCulture) + "×"]), "ratios");
            page.Figure(ReportPlots.FerryVsPodman("Mean downtime: every Ferry strategy and Podman, same run, same hosts, same link", summary),
                "Bars: mean downtime per strategy (log scale); under each group, Ferry's best over Podman's.");
        }

        page.Heading("Summary").Table(
            ["app", "link", "MiB", "strategy", "clients", "ok", "downtime s", "migration s", "total s", "MB sent", "failed requests", "client gap s", "p99 ms"],
            summary.Select(s => (IReadOnlyList<string>)[s.App, s.Link, s.SizeMb.ToString(CultureInfo.InvariantCulture), s.Strategy, s.Clients.ToString(CultureInfo.InvariantCulture),
                $"{s.Succeeded}/{s.Runs}", Figure(s.Downtime), Figure(s.Migration), s.Total is { } t ? F(t.Mean) : "-", (s.BytesMean / 1e6).ToString("F1", CultureInfo.InvariantCulture),
                s.FailedRequests.ToString(CultureInfo.InvariantCulture), s.ClientGapMax?.ToString("F3", CultureInfo.InvariantCulture) ?? "", s.P99Max?.ToString("F0", CultureInfo.InvariantCulture) ?? ""]),
            "summary");

        var sized = rows.Where(r => r.SizeMb > 0).GroupBy(r => (r.App, r.Link)).Where(g => g.Select(r => r.SizeMb).Distinct().Any()).ToList();
        if (sized.Count > 0)
        {
            page.Heading("Downtime against memory size");
            foreach (var group in sized)
            {
                page.Figure(ReportPlots.DowntimeBySize($"{group.Key.App}, {group.Key.Link}: downtime by data size", group.ToList()),
                    "Each run a point; the line joins the means per size.");
            }
        }

        page.Heading("Per-phase timelines");
        foreach (var cell in rows.GroupBy(r => (r.App, r.Link, r.SizeMb, r.Clients)))
        {
            var runs = cell.GroupBy(r => r.Strategy)
                .Select(g => (Strategy: g.Key, Run: Representative(benchDirectory, g)))
                .Where(x => x.Run is not null)
                .Select(x => (x.Strategy, x.Run!))
                .ToList();
            if (runs.Count > 0)
            {
                page.Figure(ReportPlots.PhaseTimeline($"{Cell(cell.Key)}: one run per strategy (the median downtime)", runs),
                    "Bars: each phase from its first start to its last end; the thin bar above each row: red the downtime, pink the time post-copy pages were still arriving.");
            }
        }

        var loaded = rows.Where(r => r.Clients > 0).GroupBy(r => (r.App, r.Link, r.SizeMb, r.Clients)).ToList();
        if (loaded.Count > 0)
        {
            page.Heading("Client latency around the freeze");
            foreach (var cell in loaded)
            {
                var figures = cell.GroupBy(r => r.Strategy)
                    .Select(g => (Strategy: g.Key, Row: RepresentativeRow(g)))
                    .Select(x => (x.Strategy, Run: Load(benchDirectory, x.Row), Samples: RunReport.ProbeSamples(Path.Combine(benchDirectory, "runs", x.Row?.RunId ?? "-"))))
                    .Where(x => x.Run is not null && x.Samples.Count > 0)
                    .Select(x => (ReportPlots.Latency($"{x.Strategy}: {Cell(cell.Key)}", x.Run!, x.Samples, 600, 260),
                        $"{x.Strategy}: {x.Samples.Count:N0} requests, {x.Samples.Count(s => !s.Succeeded)} failed; red band: downtime"))
                    .ToList();
                page.Grid(figures);
            }
        }

        return page;
    }

    /// <summary>The workload hosts' facts the bench kept per link (hosts-LINK.json); none for a bench from before it kept them.</summary>
    private static IReadOnlyList<(string Link, HostFacts Facts)> Hosts(string benchDirectory) =>
        Directory.GetFiles(benchDirectory, "hosts-*.json").Order(StringComparer.Ordinal)
            .SelectMany(f => (JsonSerializer.Deserialize<List<HostFacts>>(File.ReadAllText(f)) ?? [])
                .Select(h => (Path.GetFileNameWithoutExtension(f)["hosts-".Length..], h)))
            .ToList();

    private static string Cell((string App, string Link, int SizeMb, int Clients) key) =>
        $"{key.App}{(key.SizeMb > 0 ? $" {key.SizeMb} MiB" : "")}, {key.Link}{(key.Clients > 0 ? $", {key.Clients} clients" : "")}";

    /// <summary>The succeeded run with the median downtime: the one that shows what usually happens.</summary>
    private static BenchRow? RepresentativeRow(IEnumerable<BenchRow> rows)
    {
        var ok = rows.Where(r => r.Outcome == "succeeded" && r.RunId.Length > 0).OrderBy(r => r.DowntimeSeconds ?? double.MaxValue).ToList();
        return ok.Count > 0 ? ok[(ok.Count - 1) / 2] : null;
    }

    private static MigrationResult? Representative(string benchDirectory, IEnumerable<BenchRow> rows) => Load(benchDirectory, RepresentativeRow(rows));

    private static MigrationResult? Load(string benchDirectory, BenchRow? row)
    {
        var path = row is null ? null : Path.Combine(benchDirectory, "runs", row.RunId, "result.json");
        return path is not null && File.Exists(path) ? MigrationResult.FromJson(File.ReadAllText(path)) : null;
    }

    private static string Figure((double Mean, double Sd)? figure) =>
        figure is { } f ? FormattableString.Invariant($"{f.Mean:F3} ± {f.Sd:F3}") : "-";

    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}

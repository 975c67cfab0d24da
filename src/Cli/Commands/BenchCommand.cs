using System.CommandLine;
using Ferry.Cli.Bench;
using Ferry.Cli.Reports;
using Ferry.MigrationSteps.Strategies;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry bench migrate</c>: every strategy, repeated, on real local clouds; CSV files and a table.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var repetitions = new Option<int>("--repetitions", "-n") { Description = "runs per cell", DefaultValueFactory = _ => 5 };
        var sizes = new Option<string>("--sizes") { Description = "redis data sizes in MiB", DefaultValueFactory = _ => "64,512" };
        var links = new Option<string>("--links") { Description = "inter-site link rates in Mbit/s, or 'unshaped'", DefaultValueFactory = _ => "100,unshaped" };
        var strategies = new Option<string>("--strategies") { Description = "strategies to compare (auto too)", DefaultValueFactory = _ => "cold,precopy,pageserver,lazy,hybrid" };
        var clients = new Option<string>("--clients") { Description = "concurrent clients for the counter-under-load runs ('' skips them)", DefaultValueFactory = _ => "0,50,400" };
        var output = new Option<string>("--output", "--out") { Description = "output directory (CSV files, runs/, report.html)", DefaultValueFactory = _ => Path.Combine("bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss")) };
        var apps = new Option<string>("--apps") { Description = "applications (stacks/apps/NAME.yaml); one with a data loader runs per --sizes, others per --clients", DefaultValueFactory = _ => string.Join(',', BenchOptions.DefaultApps) };
        var baseline = new Option<string?>("--baseline") { Description = "also move each application with 'podman' (checkpoint --export, copy, restore --import) in the same cells" };
        var migrate = new Command("migrate", "measure downtime, total time, bytes and client impact of every strategy")
        {
            stack, repetitions, sizes, links, strategies, clients, output, apps, baseline,
        };
        migrate.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!);
            var options = new BenchOptions(
                parse.GetValue(repetitions),
                Numbers(parse.GetValue(sizes)!, "--sizes"),
                parse.GetValue(links)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim() == "unshaped" ? (int?)null : Numbers(l, "--links")[0]).ToList(),
                parse.GetValue(strategies)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => Enum.TryParse<StrategyKind>(s.Trim(), true, out var v) && Enum.IsDefined(v)
                    ? v : throw new UsageException($"--strategies: '{s}' is not one of {string.Join(", ", Enum.GetNames<StrategyKind>().Select(n => n.ToLowerInvariant()))}")).ToList(),
                Numbers(parse.GetValue(clients)!, "--clients"),
                parse.GetValue(output)!,
                Apps(parse.GetValue(apps)!, context.AppsDirectory),
                parse.GetValue(baseline) switch
                {
                    null or "" => false,
                    "podman" => true,
                    var other => throw new UsageException($"--baseline: '{other}' is not known; the one baseline is 'podman'"),
                });
            var bench = new MigrationBench(context.Stack, context.Scripts, context.AppsDirectory);
            var rows = await bench.RunAsync(options, new ConsoleBenchProgress(), ct);
            var summary = BenchSummary.From(rows);
            await File.WriteAllLinesAsync(Path.Combine(options.Output, "summary.csv"), [BenchSummary.Header, .. summary.Select(s => s.ToCsv())], ct);
            var table = new Table().AddColumns("app", "link", "MiB", "strategy", "clients", "ok", "downtime s", "migration s", "total s", "MB sent", "overhead", "failed req", "client gap s", "p99 ms");
            foreach (var s in summary)
            {
                table.AddRow(s.App, s.Link, s.SizeMb.ToString(), s.Strategy, s.Clients.ToString(), $"{s.Succeeded}/{s.Runs}",
                    Figure(s.Downtime), Figure(s.Migration), s.Total is { } total ? $"{total.Mean:F2}" : "-",
                    $"{s.BytesMean / 1e6:F1}", $"{s.OverheadShare:P0}", s.FailedRequests.ToString(), s.ClientGapMax?.ToString("F3") ?? "", s.P99Max?.ToString("F0") ?? "");
            }

            AnsiConsole.Write(table);
            foreach (var ratio in BaselineRatio.All(summary))
            {
                AnsiConsole.MarkupLineInterpolated($"{ratio.App} {ratio.SizeMb} MiB {ratio.Link}: ferry {ratio.FerryStrategy} {ratio.FerrySeconds:F3} s / podman {ratio.PodmanSeconds:F3} s = [bold]{ratio.Ratio:F3}×[/]");
            }

            var report = Path.Combine(options.Output, "report.html");
            await BenchReport.Build(options.Output, rows).WriteAsync(report, ct);
            AnsiConsole.MarkupLineInterpolated($"rows: {Path.Combine(options.Output, "migrations.csv")}; summary: {Path.Combine(options.Output, "summary.csv")}; report: {report}");
            return rows.All(r => r.Outcome == "succeeded") ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return new Command("bench", "benchmarks on the local cloud (results written to files)") { migrate };
    }

    private static string Figure((double Mean, double Sd)? figure) => figure is { } f ? $"{f.Mean:F3} ± {f.Sd:F3}" : "-";

    private static List<string> Apps(string text, string appsDirectory)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (names.Count == 0)
        {
            throw new UsageException("--apps: name at least one application, such as redis,counter");
        }

        foreach (var name in names.Where(n => !File.Exists(Path.Combine(appsDirectory, $"{n}.yaml"))))
        {
            var there = Directory.Exists(appsDirectory) ? Directory.GetFiles(appsDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order().ToList() : [];
            throw new UsageException($"--apps: no application '{name}' in {appsDirectory} (there: {(there.Count > 0 ? string.Join(", ", there) : "none")})");
        }

        return names;
    }

    private static List<int> Numbers(string text, string option) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.TryParse(t.Trim(), out var n) && n >= 0 ? n : throw new UsageException($"{option}: '{t}' is not a non-negative number"))
            .ToList();
}

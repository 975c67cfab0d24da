using System.Diagnostics;
using Ferry.MigrationSteps.Engine;
using Spectre.Console;

namespace Ferry.Cli.Bench;

/// <summary>Bench progress on the terminal: one line per migration with its place in the whole, elapsed time and an estimate of the rest.</summary>
public sealed class ConsoleBenchProgress : IBenchProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _total;
    private int _done;

    public void Begin(int migrations)
    {
        _total = migrations;
        AnsiConsole.MarkupLineInterpolated($"[grey]bench: {migrations} migrations[/]");
    }

    public void Say(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");

    public void Starting(BenchCell cell, string link, int repetition) =>
        AnsiConsole.MarkupLineInterpolated($"[blue][[{_done + 1}/{_total}]][/] {cell} #{repetition} on {link} [grey]({Elapsed(_clock.Elapsed)} elapsed{Remaining()})[/]");

    public void Step(StepEvent e)
    {
        if (e is { Phase: StepEventPhase.Output, Line: { } line } && MigrationReport.IsProgressLine(line))
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]    {e.StepId}: {line}[/]");
        }
    }

    public void Finished(BenchRow row)
    {
        _done++;
        var color = row.Outcome == "succeeded" ? "green" : "red";
        var clients = row.Failed is { } f ? $", {f} failed of {row.Requests}, client gap {row.ClientDowntimeSeconds:F3} s, p99 {row.P99Ms:F0} ms" : "";
        AnsiConsole.MarkupLine($"    [{color}]{Markup.Escape(row.Outcome)}[/], downtime {row.DowntimeSeconds:F3} s, migration {row.MigrationSeconds:F3} s{Markup.Escape(clients)}");
    }

    private string Remaining() =>
        _done == 0 ? "" : $", about {Elapsed(_clock.Elapsed / _done * (_total - _done))} to go";

    private static string Elapsed(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss");
}

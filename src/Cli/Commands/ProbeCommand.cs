using System.CommandLine;
using Ferry.MigrationSteps.Probe;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry probe APP</c>: N concurrent clients against the application's front for a bounded time.</summary>
public static class ProbeCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var app = new Argument<string>("app") { Description = "application published on the front" };
        var clients = new Option<int>("--clients", "-n") { Description = "concurrent clients", DefaultValueFactory = _ => 10 };
        var seconds = new Option<double>("--seconds") { Description = "how long to run", DefaultValueFactory = _ => 5 };
        var output = new Option<string?>("--csv") { Description = "write every request to this CSV file" };
        var command = new Command("probe", "load the front with concurrent clients and report failures, gaps and latency") { stack, twin, app, clients, seconds, output };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            var inventory = context.Inventory();
            var probe = context.Probe(inventory);
            var options = new ProbeOptions(parse.GetValue(clients), parse.GetValue(seconds));
            var session = await probe.StartAsync(context.App(parse.GetValue(app)!), options, ct);
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), ct);
            var (csv, samples, writes) = await probe.StopAsync(session, ct);
            var s = ProbeSummary.From(options.Clients, samples) with { Writes = writes };
            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, csv, ct);
            }

            var table = new Table().AddColumns("clients", "requests", "failed", "longest gap s", "p50 ms", "p99 ms", "max ms");
            table.AddRow(s.Clients.ToString(), s.Requests.ToString(), s.Failed.ToString(), s.ClientGapSeconds.ToString("F3"), $"{s.Latency.P50Ms:F1}", $"{s.Latency.P99Ms:F1}", $"{s.Latency.MaxMs:F1}");
            AnsiConsole.Write(table);
            if (writes is not null)
            {
                AnsiConsole.MarkupLine($"writes: {Markup.Escape(writes.Describe())}");
            }

            return s.Failed == 0 && writes?.Kept != false ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}

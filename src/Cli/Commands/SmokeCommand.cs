using System.CommandLine;
using Ferry.Cli.Smoke;
using Ferry.Stacks.Model;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry smoke</c>: a real-cloud stack deployed, checked end to end and destroyed, with a result file.</summary>
public static class SmokeCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var key = CommonOptions.Key();
        var knownHosts = new Option<string>("--known-hosts")
        {
            Description = "known_hosts file where you pin each host's key after its first boot (verified from the cloud's console); the run waits for it",
            Required = true,
        };
        var pinWait = new Option<int>("--pin-wait") { Description = "minutes to wait for every host key to be pinned", DefaultValueFactory = _ => 20 };
        var clients = new Option<int>("--clients") { Description = "probe clients calling the counter during its move", DefaultValueFactory = _ => 20 };
        var output = new Option<string>("--output") { Description = "folder for smoke-STACK-TIME.json and the migration run", DefaultValueFactory = _ => Path.Combine("runs", "smoke") };
        var keep = new Option<bool>("--keep") { Description = "leave the stack deployed (it bills until ferry down)" };
        var command = new Command("smoke", "a real-cloud stack end to end: preview, up, first boot, VPN, cross-site ssh and rsync, the counter moved under the probe, destroy; writes a result file")
        {
            stack, key, knownHosts, pinWait, clients, output, keep,
        };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!);
            if (context.Stack.Kind != StackKind.Pulumi)
            {
                throw new UsageException($"--stack {context.StackPath} is kind: {context.Stack.Kind.ToString().ToLowerInvariant()}; smoke deploys real clouds (kind: pulumi). For the local cloud run ferry demo, for a twin ferry demo --twin");
            }

            if (parse.GetValue(clients) < 1 || parse.GetValue(pinWait) < 0)
            {
                throw new UsageException("--clients must be at least 1 and --pin-wait at least 0");
            }

            var options = new SmokeOptions(parse.GetValue(key)!, parse.GetValue(knownHosts)!, TimeSpan.FromMinutes(parse.GetValue(pinWait)),
                parse.GetValue(clients), parse.GetValue(output)!, parse.GetValue(keep));
            var run = new SmokeRun(context, options, StackCloud.Say);
            try
            {
                await run.RunAsync(ct);
            }
            finally
            {
                if (run.Result is { } result)
                {
                    Directory.CreateDirectory(options.Output);
                    var file = Path.Combine(options.Output, $"smoke-{result.Stack}-{result.StartedAt:yyyyMMdd-HHmmss}.json");
                    await File.WriteAllTextAsync(file, result.ToJson(), CancellationToken.None);
                    var table = new Table().AddColumns("stage", "status", "seconds", "detail");
                    foreach (var s in result.Stages)
                    {
                        var status = s.Status switch { SmokeStage.Passed => "[green]passed[/]", SmokeStage.Failed => "[red]failed[/]", _ => "[grey]skipped[/]" };
                        table.AddRow(Markup.Escape(s.Name), status, s.Seconds?.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) ?? "", Markup.Escape(s.Detail));
                    }

                    AnsiConsole.Write(table);
                    AnsiConsole.MarkupLineInterpolated($"smoke {(result.Passed ? "passed" : "FAILED")} in {result.TotalSeconds:0.0} s; result: {file}");
                }
            }

            return run.Result is { Passed: true } ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}

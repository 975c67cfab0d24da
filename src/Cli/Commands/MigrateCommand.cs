using System.CommandLine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry migrate APP --from HOST --to HOST</c>: a live migration with live progress and a result document.</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var json = CommonOptions.Json();
        var app = new Argument<string>("app") { Description = "application name" };
        var from = new Option<string>("--from") { Description = "host the application runs on", Required = true };
        var to = new Option<string>("--to") { Description = "host to move it to", Required = true };
        var strategy = new Option<StrategyKind>("--strategy") { Description = "auto (measures the app and the link, then picks), cold, precopy, pageserver, lazy or hybrid", DefaultValueFactory = _ => StrategyKind.Auto };
        var compress = new Option<bool?>("--compress") { Description = "compress checkpoint images in transit (zstd level 3); the default is on for real clouds and shaped links under 1 Gbit/s, off on an unshaped local link; --compress false turns it off" };
        var probe = new Option<int>("--probe") { Description = "run N concurrent clients against the front during the migration and report what they saw" };
        var insecureDirect = new Option<bool>("--insecure-direct") { Description = "skip the VPN check (only for moves inside one site)" };
        var runs = new Option<string>("--runs") { Description = "directory for runs/<id>/", DefaultValueFactory = _ => "runs" };
        var plan = new Option<bool>("--plan") { Description = "print the plan (steps, hosts, dependencies, conditions) and exit without running it" };
        var command = new Command("migrate", "live-migrate an application to another host") { stack, twin, app, from, to, strategy, compress, probe, insecureDirect, runs, plan, json };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            var inventory = context.Inventory();
            var request = new MigrationRequest(context.App(parse.GetValue(app)!), parse.GetValue(from)!, parse.GetValue(to)!,
                parse.GetValue(strategy), parse.GetValue(compress) ?? context.CompressByDefault, parse.GetValue(insecureDirect));
            if (parse.GetValue(plan))
            {
                var (steps, why) = await context.Migrator(inventory).PlanAsync(request, ct);
                Console.WriteLine($"strategy {steps.Strategy} ({why})");
                Console.Write(steps.Describe());
                return ExitCodes.Ok;
            }

            var quiet = parse.GetValue(json);
            var recorder = new RunRecorder(parse.GetValue(runs)!);
            var result = await recorder.RecordAsync(context.Migration(inventory, parse.GetValue(probe)), request, quiet ? null : MigrationReport.Progress, ct);
            if (quiet)
            {
                Console.WriteLine(result.ToJson());
            }
            else
            {
                MigrationReport.Write(result, Path.Combine(recorder.RunsDirectory, result.Id));
            }

            return result.Outcome switch
            {
                // The move ran, but writes the application acknowledged to its clients are gone.
                MigrationOutcome.Succeeded when result.Probe?.Writes?.Kept == false => ExitCodes.Failed,
                MigrationOutcome.Succeeded => ExitCodes.Ok,
                MigrationOutcome.Refused => ExitCodes.BadInput,
                MigrationOutcome.RolledBack => ExitCodes.MigrationRolledBack,
                _ => ExitCodes.Failed,
            };
        }));
        return command;
    }
}

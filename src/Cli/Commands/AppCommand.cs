using System.CommandLine;
using Ferry.MigrationSteps.Apps;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry app deploy|ls|remove</c>: applications on the stack's workload hosts.</summary>
public static class AppCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var name = new Argument<string>("app") { Description = "application name (stacks/apps/NAME.yaml)" };
        var host = new Option<string>("--host") { Description = "workload host to run it on", Required = true };
        var dataMb = new Option<int>("--data-mb") { Description = "MiB of data to load after deploy (applications with a load command, such as redis)" };
        var deploy = new Command("deploy", "start an application's containers on a host and route its addresses there") { stack, twin, name, host, dataMb };
        deploy.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            var app = context.App(parse.GetValue(name)!);
            var placement = await context.Deployer(context.Inventory()).DeployAsync(app, parse.GetValue(host)!, parse.GetValue(dataMb), ct);
            AnsiConsole.MarkupLineInterpolated($"{app.Name} runs on {placement.Host} ({string.Join(", ", app.Containers.Select(c => $"{c.Name} at {c.Address}"))})");
            return ExitCodes.Ok;
        }));

        var lsStack = CommonOptions.Stack();
        var lsTwin = CommonOptions.Twin();
        var ls = new Command("ls", "list deployed applications, where they run and their containers' state") { lsStack, lsTwin };
        ls.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(lsStack)!, parse.GetValue(lsTwin));
            var inventory = context.Inventory();
            var table = new Table().AddColumns("app", "host", "site", "container", "address", "state", "since");
            foreach (var entry in await AppListing.ReadAsync(context, inventory, ct))
            {
                foreach (var c in entry.App.Containers)
                {
                    var state = entry.State(c);
                    table.AddRow(entry.App.Name, entry.Placement.Host, entry.Site, c.Name, c.Address,
                        state == "running" ? "[green]running[/]" : $"[red]{Markup.Escape(state)}[/]", entry.Placement.Since.ToString("u"));
                }
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));

        var rmStack = CommonOptions.Stack();
        var rmTwin = CommonOptions.Twin();
        var rmName = new Argument<string>("app") { Description = "application name" };
        var remove = new Command("remove", "stop an application and remove its containers") { rmStack, rmTwin, rmName };
        remove.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(rmStack)!, parse.GetValue(rmTwin));
            await context.Deployer(context.Inventory()).RemoveAsync(context.App(parse.GetValue(rmName)!), ct);
            return ExitCodes.Ok;
        }));

        return new Command("app", "applications: containers that move together") { deploy, ls, remove };
    }
}

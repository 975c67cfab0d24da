using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry status</c>: the stack's hosts and their state; <c>--json</c> prints the inventory.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var json = CommonOptions.Json();
        var command = new Command("status", "show the stack's hosts and their state") { stack, json };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            var context = CliContext.Load(parse.GetValue(stack)!);
            if (parse.GetValue(json))
            {
                Console.WriteLine(context.Inventory().ToJson());
                return ExitCodes.Ok;
            }

            var statuses = await context.Local.ProbeAsync(ct);
            var table = new Table().AddColumns("host", "role", "site", "ssh", "private ip", "public ip", "state");
            foreach (var s in statuses)
            {
                table.AddRow(s.Host.Name, s.Host.Role.ToString().ToLowerInvariant(), s.Host.Site, s.Host.ManagementIp, s.Host.PrivateIp,
                    s.Host.PublicIp ?? "", s.Running ? "[green]running[/]" : "[red]stopped[/]");
            }

            AnsiConsole.Write(table);
            return statuses.All(s => s.Running) ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}

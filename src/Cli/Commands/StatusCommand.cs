using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry status</c>: the stack's hosts from its inventory, each asked over SSH whether it answers; <c>--json</c> prints the inventory.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var json = CommonOptions.Json();
        var command = new Command("status", "show the stack's hosts and whether each answers over SSH") { stack, twin, json };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            if (!File.Exists(context.InventoryPath))
            {
                AnsiConsole.MarkupLineInterpolated($"stack '{context.Stack.Name}' is down (no inventory at {context.InventoryPath}); 'ferry up' boots it");
                return ExitCodes.Failed;
            }

            var inventory = context.Inventory();
            if (parse.GetValue(json))
            {
                Console.WriteLine(inventory.ToJson());
                return ExitCodes.Ok;
            }

            var answers = await Task.WhenAll(inventory.Hosts.Select(async h => (Host: h, Problem: await HostAnswer.ProblemAsync(context.Shell, h, ct))));
            var table = new Table().AddColumns("host", "role", "site", "ssh", "private ip", "public ip", "state");
            foreach (var (host, problem) in answers)
            {
                table.AddRow(host.Name, host.Role.ToString().ToLowerInvariant(), host.Site, host.SshHost, host.PrivateIp, host.PublicIp ?? "",
                    problem is null ? "[green]answers[/]" : $"[red]{Markup.Escape(problem)}[/]");
            }

            AnsiConsole.Write(table);
            return answers.All(a => a.Problem is null) ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }
}

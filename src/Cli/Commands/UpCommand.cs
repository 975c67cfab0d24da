using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry up</c>: boots the stack's hosts and writes the inventory.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var command = new Command("up", "boot every host of a stack (the local cloud) and write its inventory") { stack };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            var context = CliContext.Load(parse.GetValue(stack)!);
            var inventory = await context.Local.UpAsync(context.HostImage, line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"), ct);
            AnsiConsole.MarkupLineInterpolated($"inventory: {context.Local.InventoryPath} ({inventory.Hosts.Count} hosts)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry down</c>: removes everything the stack made, also after a crash.</summary>
public static class DownCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var command = new Command("down", "remove every host, namespace, mount, link and process of a stack") { stack };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            var context = CliContext.Load(parse.GetValue(stack)!);
            await context.Local.DownAsync(line => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]"), ct);
            return ExitCodes.Ok;
        }));
        return command;
    }
}

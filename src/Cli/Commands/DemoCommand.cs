using System.CommandLine;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry demo</c>: the main job end to end on the local cloud, then a clean teardown.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var keep = new Option<bool>("--keep") { Description = "leave the stack up afterwards" };
        var command = new Command("demo", "boot the local cloud, show every host answering, and tear it down") { stack, keep };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            var context = CliContext.Load(parse.GetValue(stack)!);
            void Say(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
            try
            {
                var inventory = await context.Local.UpAsync(context.HostImage, Say, ct);
                var ssh = context.Ssh(inventory);
                var table = new Table().AddColumns("host", "role", "site", "answers as", "criu");
                foreach (var host in inventory.Hosts)
                {
                    var result = await ssh.RunAsync(host.Name, ["sh", "-c", "hostname; criu --version | head -1"], TimeSpan.FromSeconds(30), ct);
                    var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                    table.AddRow(host.Name, host.Role, host.Site, result.Succeeded ? lines[0] : $"[red]{Markup.Escape(result.Tail(1))}[/]", lines.ElementAtOrDefault(1) ?? "");
                }

                AnsiConsole.Write(table);
                return ExitCodes.Ok;
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    await context.Local.DownAsync(Say, CancellationToken.None);
                }
            }
        }));
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry ssh HOST -- CMD</c>: a shell or one command on a host, with the pinned host key.</summary>
public static class SshCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var host = new Argument<string>("host") { Description = "host name from the inventory" };
        var rest = new Argument<string[]>("command") { Description = "command to run (after --)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ssh", "open a shell or run a command on a host") { stack, twin, host, rest };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            var inventory = context.Inventory();
            var target = inventory.Host(parse.GetValue(host)!);
            var start = new ProcessStartInfo("ssh") { UseShellExecute = false };
            foreach (var a in context.OpenSsh(inventory).Arguments(target, parse.GetValue(rest) ?? []))
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Diagnostics;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry ssh HOST -- CMD</c>: a shell or one command on a host, with the pinned host key.</summary>
public static class SshCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var host = new Argument<string>("host") { Description = "host name from the inventory" };
        var rest = new Argument<string[]>("command") { Description = "command to run (after --)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ssh", "open a shell or run a command on a host") { stack, host, rest };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            var context = CliContext.Load(parse.GetValue(stack)!);
            var inventory = context.Inventory();
            var target = inventory.Host(parse.GetValue(host)!);
            var ssh = context.Ssh(inventory);
            var words = parse.GetValue(rest) ?? [];
            var start = new ProcessStartInfo("ssh") { UseShellExecute = false };
            var arguments = words.Length == 0 ? [.. ssh.OptionArguments(target), "-t", target.SshHost] : ssh.CommandArguments(target, words);
            foreach (var a in arguments)
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

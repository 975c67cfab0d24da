using System.CommandLine;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry up</c>: boots the stack's hosts and writes the inventory.</summary>
public static class UpCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var key = CommonOptions.Key();
        var knownHosts = CommonOptions.KnownHosts();
        var command = new Command("up", "boot every host of a stack (the local cloud, or real clouds through Pulumi) and write its inventory") { stack, twin, key, knownHosts };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(() =>
            StackCloud.UpAsync(CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin)), parse.GetValue(key)!, parse.GetValue(knownHosts), ct)));
        return command;
    }
}

using System.CommandLine;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry down</c>: removes everything the stack made, also after a crash.</summary>
public static class DownCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var command = new Command("down", "remove every host, namespace, mount, link and process of a stack (pulumi destroy for real clouds)") { stack, twin };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(() => StackCloud.DownAsync(CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin)), ct)));
        return command;
    }
}

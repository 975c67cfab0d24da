using System.CommandLine;
using Ferry.Cli.Dashboard;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary><c>ferry dashboard</c>: the stack's clouds, hosts, apps and runs in a browser, and migrations started and watched from there.</summary>
public static class DashboardCommand
{
    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var port = new Option<int>("--port") { Description = "TCP port (0 picks a free one)", DefaultValueFactory = _ => 8080 };
        var bind = new Option<string>("--bind") { Description = "address to listen on; anything but 127.0.0.1 exposes the dashboard (and its token-protected moves) to that network", DefaultValueFactory = _ => "127.0.0.1" };
        var runs = new Option<string>("--runs") { Description = "directory of runs/<id>/ to show and to record moves in", DefaultValueFactory = _ => "runs" };
        var command = new Command("dashboard", "serve a web page with both clouds, their hosts, apps, tunnels and runs; start and watch migrations from it") { stack, twin, port, bind, runs };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            var options = DashboardOptions.Parse(parse.GetValue(stack)!, parse.GetValue(bind)!, parse.GetValue(port), parse.GetValue(runs)!, parse.GetValue(twin));
            await using var server = await DashboardServer.StartAsync(options, ct);
            // The URL carries the token: printed once, here, for the user to open; never logged anywhere else.
            Console.WriteLine($"dashboard: {server.Url}");
            AnsiConsole.MarkupLine("[grey]Ctrl-C stops it (a move under way runs to its end first)[/]");
            await server.WaitAsync(ct);
            return ExitCodes.Ok;
        }));
        return command;
    }
}

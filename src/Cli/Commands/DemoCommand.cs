using System.CommandLine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Spectre.Console;

namespace Ferry.Cli.Commands;

/// <summary>
/// <c>ferry demo</c>: the main job end to end on the local cloud — boot two clouds, deploy the counter
/// and redis on the first, move both to the second while clients keep calling, show that nothing was
/// lost, and tear everything down.
/// </summary>
public static class DemoCommand
{
    private const string Checksum =
        "local keys = redis.call('KEYS', 'key:*') table.sort(keys) local acc = '' " +
        "for _, k in ipairs(keys) do acc = redis.sha1hex(acc .. k .. redis.call('GET', k)) end return #keys .. ' keys, sha1 ' .. acc";

    public static Command Create()
    {
        var stack = CommonOptions.Stack();
        var twin = CommonOptions.Twin();
        var keep = new Option<bool>("--keep") { Description = "leave the stack up afterwards" };
        var dataMb = new Option<int>("--data-mb") { Description = "MiB of random data in redis", DefaultValueFactory = _ => 64 };
        var clients = new Option<int>("--clients") { Description = "concurrent clients calling the counter during its move", DefaultValueFactory = _ => 50 };
        var strategy = new Option<StrategyKind>("--strategy") { Description = "auto, cold, precopy, pageserver or lazy", DefaultValueFactory = _ => StrategyKind.Auto };
        var command = new Command("demo", "boot the local cloud, live-migrate the counter and redis between the clouds under load, show their state survived, tear down")
        {
            stack, twin, keep, dataMb, clients, strategy,
        };
        command.SetAction((parse, ct) => ErrorReporting.RunAsync(async () =>
        {
            await using var context = CliContext.Load(parse.GetValue(stack)!, parse.GetValue(twin));
            void Say(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{line}[/]");
            try
            {
                AnsiConsole.Write(new Rule(context.IsTwin ? $"1. the twin of {context.Stack.Name} on this machine" : "1. two clouds on this machine"));
                var inventory = context.IsTwin ? await context.Twin.UpAsync(context.TwinImage, Say, ct) : await context.Local.UpAsync(context.HostImage, Say, ct);
                var ssh = context.Shell;
                var hosts = new Table().AddColumns("host", "role", "site", "answers as");
                foreach (var host in inventory.Hosts)
                {
                    var result = await ssh.RunScriptAsync(host, "hostname", timeout: Timeouts.Query, cancellationToken: ct);
                    hosts.AddRow(host.Name, host.Role.ToString().ToLowerInvariant(), host.Site, result.Succeeded ? result.StandardOutput.Trim() : "[red]no answer[/]");
                }

                AnsiConsole.Write(hosts);
                var workloads = inventory.WithRole(HostRole.Workload).ToList();
                var (from, to) = (workloads.First().Name, workloads.First(w => w.Site != workloads.First().Site).Name);

                AnsiConsole.Write(new Rule($"2. deploy on {from}"));
                var deployer = context.Deployer(inventory);
                var counter = context.App("counter");
                var redis = context.App("redis");
                await deployer.DeployAsync(counter, from, cancellationToken: ct);
                await deployer.DeployAsync(redis, from, parse.GetValue(dataMb), ct);
                var client = inventory.WithRole(HostRole.Client).First();
                var front = inventory.WithRole(HostRole.Front).First().PublicIp!;
                for (var i = 0; i < 3; i++)
                {
                    await Ask(ssh, client, ["curl", "-sS", "-m", "10", $"http://{front}/"], ct);
                }

                var before = await Ask(ssh, client, ["curl", "-sS", "-m", "10", $"http://{front}/peek"], ct);
                var keysBefore = await Ask(ssh, client, ["redis-cli", "-h", front, "EVAL", Checksum, "0"], ct);
                AnsiConsole.MarkupLineInterpolated($"counter = {before}; redis: {keysBefore}");

                var recorder = new RunRecorder();
                var probe = parse.GetValue(clients);
                AnsiConsole.Write(new Rule($"3. migrate counter {from} → {to}" + (probe > 0 ? $" with {probe} clients calling it" : "")));
                var request = new MigrationRequest(counter, from, to, parse.GetValue(strategy), context.CompressByDefault);
                var moved = await recorder.RecordAsync(context.Migration(inventory, probe), request, MigrationReport.Progress, ct);
                MigrationReport.Write(moved, Path.Combine(recorder.RunsDirectory, moved.Id));

                AnsiConsole.Write(new Rule($"4. migrate redis {from} → {to}"));
                var redisRequest = request with { App = redis };
                var movedRedis = await recorder.RecordAsync(context.Migrator(inventory), redisRequest, MigrationReport.Progress, ct);
                MigrationReport.Write(movedRedis, Path.Combine(recorder.RunsDirectory, movedRedis.Id));

                AnsiConsole.Write(new Rule("5. state after the moves"));
                var after = await Ask(ssh, client, ["curl", "-sS", "-m", "10", $"http://{front}/peek"], ct);
                var keysAfter = await Ask(ssh, client, ["redis-cli", "-h", front, "EVAL", Checksum, "0"], ct);
                var served = moved.Probe?.Succeeded ?? 0;
                var table = new Table().AddColumns("check", "before", "after", "");
                var counterOk = long.Parse(after) == long.Parse(before) + served;
                table.AddRow("counter (in memory only)", before, after,
                    counterOk ? $"[green]ok[/]: {before} + {served} answered requests" : $"[red]lost state[/]: expected {long.Parse(before) + served}");
                table.AddRow("redis keys and checksum", keysBefore, keysAfter, keysBefore == keysAfter ? "[green]ok[/]" : "[red]differs[/]");
                table.AddRow("failed client requests", "", (moved.Probe?.Failed ?? 0).ToString(), moved.Probe?.Failed == 0 ? "[green]ok[/]" : "[red]failed requests[/]");
                AnsiConsole.Write(table);
                var ok = moved.Outcome == MigrationOutcome.Succeeded && movedRedis.Outcome == MigrationOutcome.Succeeded && counterOk && keysBefore == keysAfter && (moved.Probe?.Failed ?? 0) == 0;
                return ok ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    AnsiConsole.Write(new Rule("6. tear down"));
                    await (context.IsTwin ? context.Twin.DownAsync(Say, CancellationToken.None) : context.Local.DownAsync(Say, CancellationToken.None));
                }
            }
        }));
        return command;
    }

    private static async Task<string> Ask(SshNetShell ssh, InventoryHost host, string[] command, CancellationToken ct)
    {
        var script = string.Join(' ', command.Select(ShellQuote.Quote));
        var result = await ssh.RunScriptAsync(host, script, timeout: Timeouts.Query, cancellationToken: ct);
        return result.Succeeded ? result.StandardOutput.Trim() : throw new RemoteTaskException($"{host.Name}: {script} failed (exit {result.ExitCode}): {result.Tail(3)}", result);
    }
}

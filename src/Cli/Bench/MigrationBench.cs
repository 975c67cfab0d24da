using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;

namespace Ferry.Cli.Bench;

/// <summary>
/// Runs migrations for real on a local cloud of its own for every link rate, data size and strategy,
/// and writes one CSV row per migration. Hosts alternate, so every run starts from a settled state.
/// </summary>
public sealed class MigrationBench(StackDefinition baseStack, LocalScript scripts, string appsDirectory)
{
    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, Action<string> say, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.Output);
        var csv = Path.Combine(options.Output, "migrations.csv");
        await File.WriteAllTextAsync(csv, BenchRow.Header + "\n", cancellationToken);
        var rows = new List<BenchRow>();
        foreach (var link in options.LinksMbit)
        {
            var linkName = link is { } mbit ? $"{mbit}mbit" : "unshaped";
            // Its own name and management range, so a bench never meets the demo stack or a test stack.
            var stack = baseStack with { Name = "bench", Link = new LinkDefinition(link), Network = baseStack.Network with { Management = Cidr.Parse("10.243.0.0/24") } };
            var cloud = new LocalCloud(stack, scripts);
            say($"link {linkName}: booting stack '{stack.Name}'");
            var inventory = await cloud.UpAsync(new HostImage(scripts), say, cancellationToken);
            try
            {
                await using var ssh = new SshNetShell(cloud.SshOptions);
                var remote = new RemoteContext(ssh, scripts.Templates);
                var deployer = new AppDeployer(remote, inventory, cloud.StateDirectory) { AppsDirectory = appsDirectory };
                var migrator = new Migrator(remote, inventory, cloud.StateDirectory);
                var recorder = new RunRecorder(Path.Combine(options.Output, "runs"));
                var workloads = inventory.WithRole(HostRole.Workload).ToList();
                var first = workloads.First();
                var hosts = (first.Name, workloads.First(w => w.Site != first.Site).Name);

                async Task Record(BenchRow row)
                {
                    rows.Add(row);
                    await File.AppendAllTextAsync(csv, row.ToCsv() + "\n", cancellationToken);
                    say($"  {row.App} {row.SizeMb} MiB {row.Strategy} clients={row.Clients} #{row.Repetition}: {row.Outcome}, downtime {row.DowntimeSeconds:F3} s, migration {row.MigrationSeconds:F3} s"
                        + (row.Failed is { } f ? $", {f} failed of {row.Requests}, client gap {row.ClientGapSeconds:F3} s, p99 {row.P99Ms:F0} ms" : "")
                        + $", state {row.State}");
                }

                var state = new AppStateCheck(ssh, inventory.WithRole(HostRole.Client).First());

                // Every move is probed and its state checked: a move that lost state counts as failed.
                async Task<(MigrationResult Result, string State)> MoveAsync(AppDefinition app, string from, string to, StrategyKind strategy, int clients)
                {
                    var before = await state.ReadAsync(app);
                    IMigration migration = clients > 0
                        ? new ProbedMigration(migrator, new ClientProbe(remote, inventory), new ProbeOptions(clients, Seconds: 600))
                        : migrator;
                    var result = await recorder.RecordAsync(migration, new MigrationRequest(app, from, to, strategy), cancellationToken: cancellationToken);
                    if (result.RunningOn is null)
                    {
                        return (result, "not checked: the application runs nowhere");
                    }

                    var verdict = AppStateCheck.Verdict(app, before, await state.ReadAsync(app), result.Probe);
                    return (result, verdict is null ? "ok" : "lost: " + verdict);
                }

                var redis = AppFile.Load(appsDirectory, "redis");
                foreach (var size in options.SizesMb)
                {
                    var where = hosts.Item1;
                    await deployer.DeployAsync(redis, where, size, cancellationToken);
                    foreach (var strategy in options.Strategies)
                    {
                        for (var i = 1; i <= options.Repetitions; i++)
                        {
                            var to = where == hosts.Item1 ? hosts.Item2 : hosts.Item1;
                            var (result, checkedState) = await MoveAsync(redis, where, to, strategy, RedisProbeClients);
                            where = result.RunningOn ?? where;
                            await Record(Row("redis", linkName, size, strategy, RedisProbeClients, i, result, checkedState));
                        }
                    }

                    await deployer.RemoveAsync(redis, cancellationToken);
                }

                if (options.Clients.Count > 0)
                {
                    var counter = AppFile.Load(appsDirectory, "counter");
                    var where = hosts.Item1;
                    await deployer.DeployAsync(counter, where, cancellationToken: cancellationToken);
                    foreach (var clients in options.Clients)
                    {
                        foreach (var strategy in options.Strategies)
                        {
                            for (var i = 1; i <= options.Repetitions; i++)
                            {
                                var to = where == hosts.Item1 ? hosts.Item2 : hosts.Item1;
                                var (result, checkedState) = await MoveAsync(counter, where, to, strategy, clients);
                                where = result.RunningOn ?? where;
                                await Record(Row("counter", linkName, 0, strategy, clients, i, result, checkedState));
                            }
                        }
                    }
                }
            }
            finally
            {
                await cloud.DownAsync(say, CancellationToken.None);
            }
        }

        return rows;
    }

    /// <summary>Clients reading redis during each of its moves: GETs spread over the data set, few enough not to slow the move.</summary>
    public const int RedisProbeClients = 10;

    private static BenchRow Row(string app, string link, int size, StrategyKind strategy, int clients, int repetition, MigrationResult r, string state)
    {
        // Engine overhead: the part of the forward path that is neither CRIU nor moving bytes.
        var work = r.Steps.Where(s => s.Kind is StepKind.PreDump or StepKind.Checkpoint or StepKind.Transfer or StepKind.Restore).Sum(s => s.Seconds ?? 0);
        var overhead = r.MigrationSeconds is { } m ? Math.Max(0, m - work) : (double?)null;
        var outcome = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(r.Outcome.ToString());
        if (r.Outcome == MigrationOutcome.Succeeded && state != "ok")
        {
            outcome = "failed";
        }

        return new BenchRow(app, link, size, strategy.ToString().ToLowerInvariant(), clients, repetition, outcome,
            r.FreezeSeconds, r.DowntimeSeconds, r.DegradedSeconds, r.MigrationSeconds, r.TotalSeconds, r.BytesSent, overhead,
            r.Probe?.Requests, r.Probe?.Failed, r.Probe?.ClientGapSeconds, r.Probe?.P99Ms, r.Probe?.Degraded?.P99Ms, state);
    }
}

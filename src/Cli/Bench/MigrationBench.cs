using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Baseline;
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
    /// <summary>Every cell of one link, in the order they run.</summary>
    public IReadOnlyList<BenchCell> Cells(BenchOptions options)
    {
        var cells = new List<BenchCell>();
        foreach (var app in options.Apps.Select(a => AppFile.Load(appsDirectory, a)))
        {
            var points = app.Load is not null ? options.SizesMb.Select(size => (size, 0)) : options.Clients.Select(clients => (0, clients));
            foreach (var (size, clients) in points)
            {
                cells.AddRange(options.Strategies.Select(s => new BenchCell(app.Name, size, clients, Name(s))));
                if (options.Podman && clients == 0)
                {
                    cells.Add(new BenchCell(app.Name, size, clients, PodmanMigration.Strategy));
                }
            }
        }

        return cells;
    }

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options, IBenchProgress progress, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.Output);
        var csv = Path.Combine(options.Output, "migrations.csv");
        await File.WriteAllTextAsync(csv, BenchRow.Header + "\n", cancellationToken);
        var rows = new List<BenchRow>();
        var cells = Cells(options);
        progress.Begin(cells.Count * options.LinksMbit.Count * options.Repetitions);
        foreach (var link in options.LinksMbit)
        {
            var linkName = link is { } mbit ? $"{mbit}mbit" : "unshaped";
            // Its own name and management range, so a bench never meets the demo stack or a test stack.
            var stack = baseStack with { Name = "bench", Link = new LinkDefinition(link), Network = baseStack.Network with { Management = Cidr.Parse("10.243.0.0/24") } };
            var cloud = new LocalCloud(stack, scripts);
            progress.Say($"link {linkName}: booting stack '{stack.Name}'");
            var inventory = await cloud.UpAsync(new HostImage(scripts), progress.Say, cancellationToken);
            try
            {
                await using var ssh = new SshNetShell(cloud.SshOptions);
                var remote = new RemoteContext(ssh, scripts.Templates);
                var deployer = new AppDeployer(remote, inventory, cloud.StateDirectory) { AppsDirectory = appsDirectory };
                var migrator = new Migrator(remote, inventory, cloud.StateDirectory);
                var podman = new PodmanMigration(remote, inventory);
                var recorder = new RunRecorder(Path.Combine(options.Output, "runs"));
                var workloads = inventory.WithRole(HostRole.Workload).ToList();
                var first = workloads.First();
                var hosts = (A: first.Name, B: workloads.First(w => w.Site != first.Site).Name);
                string Other(string host) => host == hosts.A ? hosts.B : hosts.A;

                async Task Record(BenchRow row)
                {
                    rows.Add(row);
                    await File.AppendAllTextAsync(csv, row.ToCsv() + "\n", cancellationToken);
                    progress.Finished(row);
                }

                foreach (var group in cells.GroupBy(c => (c.App, c.SizeMb)))
                {
                    var app = AppFile.Load(appsDirectory, group.Key.App);
                    var ferryCells = group.Where(c => c.Strategy != PodmanMigration.Strategy).ToList();
                    var where = hosts.A;
                    if (ferryCells.Count > 0)
                    {
                        progress.Say($"{app.Name}: deploying on {where}{(group.Key.SizeMb > 0 ? $" with {group.Key.SizeMb} MiB" : "")}");
                        await deployer.DeployAsync(app, where, group.Key.SizeMb, cancellationToken);
                        foreach (var cell in ferryCells)
                        {
                            var strategy = Enum.Parse<StrategyKind>(cell.Strategy, ignoreCase: true);
                            for (var i = 1; i <= options.Repetitions; i++)
                            {
                                progress.Starting(cell, linkName, i);
                                IMigration migration = cell.Clients > 0
                                    ? new ProbedMigration(migrator, new ClientProbe(remote, inventory), new ProbeOptions(cell.Clients, Seconds: 120))
                                    : migrator;
                                var result = await recorder.RecordAsync(migration, new MigrationRequest(app, where, Other(where), strategy), progress.Step, cancellationToken);
                                where = result.RunningOn ?? where;
                                await Record(Row(cell, linkName, i, result));
                            }
                        }

                        await deployer.RemoveAsync(app, cancellationToken);
                    }

                    if (group.FirstOrDefault(c => c.Strategy == PodmanMigration.Strategy) is { } baseline)
                    {
                        // Same hosts, same address, same amount and kind of data, same link: only the tool differs.
                        where = hosts.A;
                        progress.Say($"{app.Name}: deploying under podman on {where}{(group.Key.SizeMb > 0 ? $" with {group.Key.SizeMb} MiB" : "")}");
                        await podman.DeployAsync(app, where, [hosts.A, hosts.B], cancellationToken);
                        try
                        {
                            if (group.Key.SizeMb > 0)
                            {
                                await deployer.LoadAsync(app, where, group.Key.SizeMb, cancellationToken);
                            }

                            for (var i = 1; i <= options.Repetitions; i++)
                            {
                                progress.Starting(baseline, linkName, i);
                                var result = await recorder.RecordAsync(podman, new MigrationRequest(app, where, Other(where)), cancellationToken: cancellationToken);
                                await Record(Row(baseline, linkName, i, result));
                                if (result.RunningOn is null)
                                {
                                    break;
                                }

                                where = result.RunningOn;
                            }
                        }
                        finally
                        {
                            await podman.RemoveAsync(app, [hosts.A, hosts.B], CancellationToken.None);
                        }
                    }
                }
            }
            finally
            {
                await cloud.DownAsync(progress.Say, CancellationToken.None);
            }
        }

        return rows;
    }

    private static string Name(StrategyKind strategy) => strategy.ToString().ToLowerInvariant();

    private static BenchRow Row(BenchCell cell, string link, int repetition, MigrationResult r)
    {
        // Engine overhead: the part of the forward path that is neither CRIU nor moving bytes.
        var work = r.Steps.Where(s => s.Kind is StepKind.PreDump or StepKind.Checkpoint or StepKind.Transfer or StepKind.Restore).Sum(s => s.Seconds ?? 0);
        var overhead = r.MigrationSeconds is { } m ? Math.Max(0, m - work) : (double?)null;
        return new BenchRow(cell.App, link, cell.SizeMb, cell.Strategy, cell.Clients, repetition, r.Outcome.ToString().ToLowerInvariant(),
            r.FreezeSeconds, r.DowntimeSeconds, r.DegradedSeconds, r.MigrationSeconds, r.TotalSeconds, r.BytesSent, overhead,
            r.Probe?.Requests, r.Probe?.Failed, r.Probe?.ClientDowntimeSeconds, r.Probe?.P50Ms, r.Probe?.P99Ms, r.Id);
    }
}

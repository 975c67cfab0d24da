using System.Text.Json;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Baseline;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Hosts;
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
    private static readonly JsonSerializerOptions HostsJson = new() { WriteIndented = true };

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
                var migrator = new Migrator(remote, inventory, cloud.StateDirectory) { LinkBitsPerSecond = CliContext.LinkBitsPerSecond(stack) };
                var podman = new PodmanMigration(remote, inventory);
                var recorder = new RunRecorder(Path.Combine(options.Output, "runs"));
                var workloads = inventory.WithRole(HostRole.Workload).ToList();
                var first = workloads.First();
                var hosts = (A: first.Name, B: workloads.First(w => w.Site != first.Site).Name);
                string Other(string host) => host == hosts.A ? hosts.B : hosts.A;

                // What memory costs on these hosts is the machine's share of every figure below.
                var facts = new HostFactsCache(remote, cloud.StateDirectory);
                var learned = await Task.WhenAll(workloads.Select(w => facts.LearnAsync(w, cancellationToken)));
                await File.WriteAllTextAsync(Path.Combine(options.Output, $"hosts-{linkName}.json"), JsonSerializer.Serialize(learned, HostsJson), cancellationToken);
                progress.Say($"{first.Name}: {learned[0].MemoryCosts?.ToString() ?? "memory costs not measured"}");

                async Task Record(BenchRow row)
                {
                    rows.Add(row);
                    await File.AppendAllTextAsync(csv, row.ToCsv() + "\n", cancellationToken);
                    progress.Finished(row);
                }

                var state = new AppStateCheck(ssh, inventory.WithRole(HostRole.Client).First());

                // Every move is checked: a move that lost state counts as failed.
                async Task<(MigrationResult Result, string State)> MoveAsync(IMigration migration, MigrationRequest request, bool routeAfter = false)
                {
                    var before = await state.ReadAsync(request.App);
                    var result = await recorder.RecordAsync(migration, request, progress.Step, cancellationToken);
                    if (result.RunningOn is null)
                    {
                        return (result, "not checked: the application runs nowhere");
                    }

                    if (routeAfter)
                    {
                        await deployer.SetRoutesAsync(request.App, result.RunningOn, cancellationToken);
                    }

                    var verdict = AppStateCheck.Verdict(request.App, before, await state.ReadAsync(request.App), result.Probe);
                    return (result, verdict is null ? "ok" : "lost: " + verdict);
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
                                var clients = ProbeClients(app, cell.Clients);
                                IMigration migration = clients > 0
                                    ? new ProbedMigration(migrator, new ClientProbe(remote, inventory), new ProbeOptions(clients, Seconds: 600))
                                    : migrator;
                                var (result, checkedState) = await MoveAsync(migration, new MigrationRequest(app, where, Other(where), strategy, CliContext.CompressesOn(stack)));
                                where = result.RunningOn ?? where;
                                await Record(Row(cell with { Clients = clients }, linkName, i, result, checkedState));
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
                            // Podman moves no route: the bench points the app's address at it so the state check reaches it, outside the timed move.
                            await deployer.SetRoutesAsync(app, where, cancellationToken);
                            if (group.Key.SizeMb > 0)
                            {
                                await deployer.LoadAsync(app, where, group.Key.SizeMb, cancellationToken);
                            }

                            for (var i = 1; i <= options.Repetitions; i++)
                            {
                                progress.Starting(baseline, linkName, i);
                                var (result, checkedState) = await MoveAsync(podman, new MigrationRequest(app, where, Other(where)), routeAfter: true);
                                await Record(Row(baseline, linkName, i, result, checkedState));
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

    /// <summary>Clients reading a loaded app (redis) during each of its moves: requests spread over the data set, few enough not to slow the move.</summary>
    public const int LoadedAppProbeClients = 10;

    private static string Name(StrategyKind strategy) => strategy.ToString().ToLowerInvariant();

    /// <summary>Every move of an app that declares a probe is probed; a cell's own client count wins.</summary>
    private static int ProbeClients(AppDefinition app, int cellClients) =>
        cellClients > 0 ? cellClients : app.Containers.Any(c => c.Probe is not null) ? LoadedAppProbeClients : 0;

    private static BenchRow Row(BenchCell cell, string link, int repetition, MigrationResult r, string state)
    {
        // Engine overhead: the part of the forward path that is neither CRIU nor moving bytes.
        var work = r.Steps.Where(s => s.Kind is StepKind.PreDump or StepKind.Checkpoint or StepKind.Transfer or StepKind.Restore).Sum(s => s.Seconds ?? 0);
        var overhead = r.MigrationSeconds is { } m ? Math.Max(0, m - work) : (double?)null;
        // auto: which strategy it chose, too.
        var outcome = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(r.Outcome.ToString());
        if (r.Outcome == MigrationOutcome.Succeeded && state != "ok")
        {
            outcome = "failed";
        }

        var name = cell.Strategy == "auto" ? $"auto:{r.Strategy}" : cell.Strategy;
        return new BenchRow(cell.App, link, cell.SizeMb, name, cell.Clients, repetition, outcome,
            r.FreezeSeconds, r.DowntimeSeconds, r.DegradedSeconds, r.MigrationSeconds, r.TotalSeconds, r.BytesSent, overhead,
            r.Probe?.Requests, r.Probe?.Failed, r.Probe?.ClientGapSeconds, r.Probe?.Latency.P50Ms, r.Probe?.P99Ms, r.Probe?.Degraded?.P99Ms, state, r.Id);
    }
}

using System.Text.Json;
using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Vpn;

namespace Ferry.Cli.Dashboard;

/// <summary>
/// What the dashboard's JSON API answers, read through the libraries the commands use: the inventory and
/// host facts (<c>ferry status</c>), the applications (<c>ferry app ls</c>), the tunnels (<c>ferry vpn
/// status</c>), runs/ (<c>ferry migrate</c>'s records), and moves through the same migrator.
/// </summary>
public sealed class DashboardApi(CliContext context, DashboardOptions options, MoveRegistry moves)
{
    private readonly HostFactsCache _facts = new(context.Remote, context.StackDirectory);

    public async Task<InventoryView> InventoryAsync(CancellationToken ct)
    {
        var inventory = context.Inventory();
        var hosts = await Task.WhenAll(inventory.Hosts.Select(h => HostAsync(h, ct)));
        var sites = hosts.GroupBy(h => h.Site).Select(g =>
        {
            var defined = context.Stack.Sites.FirstOrDefault(s => s.Name == g.Key);
            return new SiteView(g.Key.Length > 0 ? g.Key : "internet", defined?.Cloud ?? "", defined?.Subnet.ToString(), [.. g]);
        }).ToList();
        var workloads = hosts.Where(h => h.Role == "workload").ToList();
        var pairs = workloads.SelectMany(a => workloads.Where(b => b != a).Select(b => Pair(a, b))).ToList();
        return new InventoryView(inventory.Stack, inventory.Cloud, sites, pairs);
    }

    public async Task<IReadOnlyList<AppView>> AppsAsync(CancellationToken ct)
    {
        var inventory = context.Inventory();
        return (await AppListing.ReadAsync(context, inventory, ct)).Select(e => new AppView(
            e.App.Name, e.App.Description, e.Placement.Host, e.Site, e.Placement.Since, e.Placement.LastRun,
            MigrationSteps.Apps.FrontServices.For(e.App, inventory).Count > 0, moves.Moving(e.App.Name)?.Id,
            [.. e.App.Containers.Select(c => new ContainerView(c.Name, c.Address, e.State(c)))])).ToList();
    }

    public async Task<object> VpnAsync(CancellationToken ct)
    {
        var statuses = await new VpnProbe(context.Remote).QueryAllAsync(context.Inventory(), ct);
        return new { established = GatewayVpnStatus.AllEstablished(statuses), gateways = statuses };
    }

    /// <summary>Every run in the runs directory, newest first; a result.json that cannot be read is left out.</summary>
    public IReadOnlyList<RunSummary> Runs()
    {
        if (!Directory.Exists(options.RunsDirectory))
        {
            return [];
        }

        var runs = new List<RunSummary>();
        foreach (var dir in Directory.GetDirectories(options.RunsDirectory).OrderDescending(StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, "result.json");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                runs.Add(RunSummary.Of(MigrationResult.FromJson(File.ReadAllText(path))));
            }
            catch (JsonException)
            {
                // A damaged record is not a reason to hide the others.
            }
        }

        return runs;
    }

    /// <summary>The run's result.json as written, or null when there is no such run.</summary>
    public string? Run(string id)
    {
        // Ids are ferry's own (time-app-hex): anything else could walk out of the runs directory.
        if (id.Length is 0 or > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || id.StartsWith('.'))
        {
            return null;
        }

        var path = Path.Combine(options.RunsDirectory, id, "result.json");
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private async Task<HostView> HostAsync(InventoryHost host, CancellationToken ct)
    {
        var problem = await HostAnswer.ProblemAsync(context.Shell, host, ct);
        HostFacts? facts = null;
        if (host.Role == HostRole.Workload)
        {
            facts = _facts.Cached(host.Name);
            if (facts is null && problem is null)
            {
                try
                {
                    // As a migration would: facts not learned at up (a real cloud's first look) are learned now and cached.
                    facts = await _facts.LearnAsync(host, ct);
                }
                catch (RemoteTaskException e)
                {
                    problem = $"its facts could not be learned: {e.Message}";
                }
            }
        }

        return new HostView(host.Name, host.Role.ToString().ToLowerInvariant(), host.Site, host.SshHost, host.PrivateIp, host.PublicIp,
            problem is null, problem, facts);
    }

    private static PairView Pair(HostView from, HostView to)
    {
        if (from.Facts is not { } a || to.Facts is not { } b)
        {
            return new PairView(from.Name, to.Name, null, [], null, $"the facts of {(from.Facts is null ? from.Name : to.Name)} are not known");
        }

        var missing = Preflight.MissingCpuFlags(a.CpuFlags, b.CpuFlags);
        var none = new Dictionary<string, string>();
        // By the hosts alone: the application's sample exists only once a move of it starts.
        var (strategy, why) = StrategyChooser.Choose(StrategyKind.Auto, HostCapabilities.From(a, none), HostCapabilities.From(b, none));
        return missing.Count > 0
            ? new PairView(from.Name, to.Name, false, missing, null, $"{to.Name}'s CPU lacks {missing.Count} flag(s) of {from.Name}'s")
            : new PairView(from.Name, to.Name, true, [], strategy?.Name,
                strategy is null ? why : $"{why}; a move first samples the application and the link, and may choose hybrid or cold instead");
    }
}

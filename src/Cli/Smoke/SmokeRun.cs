using System.Diagnostics;
using System.Globalization;
using Ferry.Cli.Bench;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Vpn;

namespace Ferry.Cli.Smoke;

/// <summary>
/// <c>ferry smoke</c>: a real-cloud stack end to end, stage by stage — preview, up, first boot and
/// provisioning, the VPN, ssh and rsync between the sites, the counter moved under the probe with its
/// state checked — then destroy, whatever happened before (unless asked to keep it). Each stage that
/// cannot run because an earlier one failed is recorded as skipped.
/// </summary>
public sealed class SmokeRun(CliContext context, SmokeOptions options, Action<string> say)
{
    public const string Preview = "preview";
    public const string Up = "up";
    public const string Provision = "first boot and provisioning";
    public const string Vpn = "vpn";
    public const string CrossSite = "cross-site ssh and rsync";
    public const string Migrate = "migrate counter under the probe";
    public const string Destroy = "destroy";

    public static readonly IReadOnlyList<string> Stages = [Preview, Up, Provision, Vpn, CrossSite, Migrate, Destroy];

    private const long CrossSiteBytes = 8 * 1024 * 1024;
    private static readonly ScriptTask<CrossSiteInputs> CrossSiteTask = new(TimeSpan.FromMinutes(5));

    private readonly List<SmokeStage> _stages = [];
    private HostInventory? _inventory;
    private string? _migrationRun;

    /// <summary>Runs every stage; <see cref="Result"/> holds the outcome, also when the run was interrupted.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var deployment = new PulumiDeployment(context, say);
        var deployed = false;
        var passed = false;
        try
        {
            passed = await StageAsync(Preview, async () => { await deployment.PreviewAsync(options.KeyPath, ct); return "pulumi preview succeeded"; })
                && await StageAsync(Up, async () => { deployed = true; return await UpAsync(deployment, ct); })
                && await StageAsync(Provision, async () => { _inventory = await StackCloud.ProvisionAsync(context, _inventory!, ct); return $"{_inventory.Hosts.Count} hosts first-booted and provisioned"; })
                && await StageAsync(Vpn, () => VpnAsync(ct))
                && await StageAsync(CrossSite, () => CrossSiteAsync(ct))
                && await StageAsync(Migrate, () => MigrateAsync(ct));
        }
        finally
        {
            var destroyed = false;
            if (deployed && !options.Keep)
            {
                destroyed = await StageAsync(Destroy, async () => { await deployment.DownAsync(CancellationToken.None); return "pulumi destroy succeeded"; });
                passed &= destroyed;
            }

            var stages = Stages.Select(name => _stages.FirstOrDefault(s => s.Name == name) ?? new SmokeStage(name, SmokeStage.Skipped, null,
                name == Destroy ? (options.Keep ? "--keep: the stack stays deployed; ferry down removes it" : "nothing was deployed") : "an earlier stage failed"));
            Result = new SmokeResult(context.Stack.Name, started, DateTimeOffset.UtcNow, passed, destroyed, stages.ToList(), _migrationRun);
        }
    }

    /// <summary>Set when the run ends, also when it was interrupted.</summary>
    public SmokeResult? Result { get; private set; }

    private async Task<bool> StageAsync(string name, Func<Task<string>> stage)
    {
        say($"smoke: {name}");
        var clock = Stopwatch.StartNew();
        try
        {
            var detail = await stage();
            _stages.Add(new SmokeStage(name, SmokeStage.Passed, Seconds(clock), detail));
            return true;
        }
        catch (Exception e) when (e is SmokeCheckException || ErrorReporting.IsUserFacing(e))
        {
            _stages.Add(new SmokeStage(name, SmokeStage.Failed, Seconds(clock), e.Message));
        }
        catch (OperationCanceledException)
        {
            _stages.Add(new SmokeStage(name, SmokeStage.Failed, Seconds(clock), "interrupted"));
            throw;
        }

        return false;
    }

    private static double Seconds(Stopwatch clock) => Math.Round(clock.Elapsed.TotalSeconds, 1);

    /// <summary>pulumi up, then the inventory once the operator has pinned every host key.</summary>
    private async Task<string> UpAsync(PulumiDeployment deployment, CancellationToken ct)
    {
        try
        {
            _inventory = await deployment.UpAsync(options.KeyPath, File.Exists(options.KnownHostsPath) ? options.KnownHostsPath : null, ct);
            return $"deployed; {_inventory.Hosts.Count} hosts pinned in {options.KnownHostsPath}";
        }
        catch (InventoryException e)
        {
            say($"{e.Message}");
            say($"waiting up to {options.PinWait.TotalMinutes:0} min for every host key to be pinned in {options.KnownHostsPath}");
        }

        var deadline = DateTime.UtcNow + options.PinWait;
        var outputs = await deployment.OutputsAsync(ct);
        while (true)
        {
            try
            {
                _inventory = deployment.SaveInventory(outputs, options.KeyPath, options.KnownHostsPath);
                return $"deployed; {_inventory.Hosts.Count} hosts pinned in {options.KnownHostsPath}";
            }
            catch (InventoryException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
        }
    }

    private async Task<string> VpnAsync(CancellationToken ct)
    {
        var statuses = await new VpnProbe(context.Remote).QueryAllAsync(_inventory!, ct);
        if (!GatewayVpnStatus.AllEstablished(statuses))
        {
            throw new SmokeCheckException("not every tunnel is established: " + string.Join("; ", statuses.Select(s => $"{s.Gateway}: {s.Problem ?? s.Daemon}, {s.Sas.Count} SAs")));
        }

        return "established: " + string.Join(", ", statuses.Select(s => s.Gateway));
    }

    /// <summary>Two workloads in different sites, the first of the first site and of the next.</summary>
    private (InventoryHost From, InventoryHost To) Workloads()
    {
        var workloads = _inventory!.WithRole(HostRole.Workload).ToList();
        var from = workloads.FirstOrDefault() ?? throw new SmokeCheckException("the stack has no workload host");
        var to = workloads.FirstOrDefault(w => w.Site != from.Site) ?? throw new SmokeCheckException("the stack has workloads in one site only; the smoke run moves between two");
        return (from, to);
    }

    private async Task<string> CrossSiteAsync(CancellationToken ct)
    {
        var (from, to) = Workloads();
        var output = await CrossSiteTask.RunAsync(context.Remote, from, new CrossSiteInputs(to.PrivateIp, CrossSiteBytes), cancellationToken: ct);
        var checksum = output.Get(OutputKeys.CrossSiteChecksum);
        if (checksum != "same")
        {
            throw new SmokeCheckException(checksum is null
                ? $"{from.Name} → {to.Name}: the push reported no checksum comparison: {output.Result.Tail(3)}"
                : $"{from.Name} → {to.Name}: the file arrived with a different SHA-256");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{from.Name} → {to.Name}: {CrossSiteBytes / 1024 / 1024} MiB in {output.Get(OutputKeys.CrossSiteSeconds)} s ({output.Get(OutputKeys.CrossSiteBytes)} bytes sent), SHA-256 the same on both");
    }

    private async Task<string> MigrateAsync(CancellationToken ct)
    {
        var (from, to) = Workloads();
        var counter = context.App("counter");
        await context.Deployer(_inventory!).DeployAsync(counter, from.Name, cancellationToken: ct);
        var state = new AppStateCheck(context.Shell, _inventory!.WithRole(HostRole.Client).First());
        var before = await state.ReadAsync(counter);
        var recorder = new RunRecorder(Path.Combine(options.Output, "runs"));
        var result = await recorder.RecordAsync(context.Migration(_inventory!, options.Clients), new MigrationRequest(counter, from.Name, to.Name, StrategyKind.Auto, context.CompressByDefault), MigrationReport.Progress, ct);
        _migrationRun = Path.Combine(recorder.RunsDirectory, result.Id);
        MigrationReport.Write(result, _migrationRun);
        var after = await state.ReadAsync(counter);
        var lost = AppStateCheck.Verdict(counter, before, after, result.Probe);
        var failed = result.Probe?.Failed;
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{result.Strategy}: {result.Outcome.ToString().ToLowerInvariant()}, downtime {result.DowntimeSeconds?.ToString("0.000", CultureInfo.InvariantCulture) ?? "not measured"} s, {failed?.ToString(CultureInfo.InvariantCulture) ?? "no"} failed of {result.Probe?.Requests.ToString(CultureInfo.InvariantCulture) ?? "no"} probe requests; counter {before} → {after}");
        if (result.Outcome != MigrationOutcome.Succeeded || lost is not null || failed is not 0)
        {
            throw new SmokeCheckException(figures + (lost is null ? "" : $"; {lost}") + (result.Reason is null ? "" : $"; {result.Reason}"));
        }

        return figures;
    }
}

using System.Globalization;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>
/// What a user would do instead of ferry, measured on the same hosts and link: <c>podman container checkpoint
/// --export</c>, the archive copied to the target through the VPN, <c>podman container restore --import</c>.
/// The same application (its files on the same skeleton root, the host's /usr and /etc), the same address in a
/// pre-made network namespace, and the same health check. Its downtime runs from the checkpoint until the app
/// answers on the target host itself: no route change is counted, which favours Podman.
/// </summary>
public sealed class PodmanMigration(RemoteContext remote, HostInventory inventory) : IMigration
{
    public const string Strategy = "podman";
    private const string Archives = "/var/lib/ferry/podman/archives";
    private static readonly ScriptTask<PodmanPrepareInputs> Prepare = new(Timeouts.Deploy);
    private static readonly ScriptTask<PodmanRunInputs> Run = new(Timeouts.Deploy);
    private static readonly ScriptTask<PodmanCheckpointInputs> Checkpoint = new(Timeouts.Load);
    private static readonly ScriptTask<PodmanRestoreInputs> Restore = new(Timeouts.Load);
    private static readonly ScriptTask<PodmanRemoveInputs> Remove = new(Timeouts.Deploy);
    private readonly ContainerInputsFactory _inputs = new(remote.Templates, inventory);

    /// <summary>The image (built on <paramref name="host"/>, loaded by the others) and namespace on every host the app may move between, then the app running under Podman on <paramref name="host"/>.</summary>
    public async Task DeployAsync(AppDefinition app, string host, IReadOnlyList<string> hosts, CancellationToken cancellationToken = default)
    {
        var others = hosts.Where(h => h != host).ToList();
        await Prepare.RunAsync(remote, inventory.Host(host), new PodmanPrepareInputs(Containers(app, host), Archives, others.Select(h => inventory.Host(h).PrivateIp).ToList(), Load: false), cancellationToken: cancellationToken);
        await Task.WhenAll(others.Select(h => Prepare.RunAsync(remote, inventory.Host(h), new PodmanPrepareInputs(Containers(app, h), Archives, [], Load: true), cancellationToken: cancellationToken)));
        await Run.RunAsync(remote, inventory.Host(host), new PodmanRunInputs(Containers(app, host)), cancellationToken: cancellationToken);
    }

    public async Task RemoveAsync(AppDefinition app, IReadOnlyList<string> hosts, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(hosts.Select(h => Remove.RunAsync(remote, inventory.Host(h), new PodmanRemoveInputs(Containers(app, h), Archives, Everything: true), cancellationToken: cancellationToken)));

    /// <summary>One move, recorded like ferry's: the same result document, with the phases the scripts timed. The request's strategy does not apply.</summary>
    public async Task<MigrationResult> RunAsync(MigrationRequest request, RunRecord run, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var (app, from, to) = (request.App, request.From, request.To);
        var source = inventory.Host(from);
        var target = inventory.Host(to);
        var started = DateTimeOffset.UtcNow;
        var steps = new List<StepResult>();
        string? reason = null;
        IReadOnlyDictionary<string, string> dump = new Dictionary<string, string>();
        IReadOnlyDictionary<string, string> restore = new Dictionary<string, string>();
        try
        {
            dump = (await Checkpoint.RunAsync(remote, source, new PodmanCheckpointInputs(Containers(app, from), target.PrivateIp, Archives), cancellationToken: cancellationToken)).Values;
            steps.Add(Timed(StepKind.Checkpoint, from, StepRole.Source, dump, OutputKeys.FreezeStart, OutputKeys.CheckpointEnd));
            steps.Add(Timed(StepKind.Transfer, from, StepRole.Source, dump, OutputKeys.CheckpointEnd, OutputKeys.TransferEnd));
            restore = (await Restore.RunAsync(remote, target, new PodmanRestoreInputs(Containers(app, to), Archives), cancellationToken: cancellationToken)).Values;
            steps.Add(Timed(StepKind.Restore, to, StepRole.Target, restore, OutputKeys.RestoreStart, OutputKeys.AnsweringAt));
        }
        catch (RemoteTaskException e)
        {
            reason = e.Message;
        }

        var migrated = DateTimeOffset.UtcNow;
        var cleanupStart = DateTimeOffset.UtcNow;
        await Remove.RunAsync(remote, source, new PodmanRemoveInputs(Containers(app, from), Archives, Everything: false), cancellationToken: cancellationToken);
        await Remove.RunAsync(remote, target, new PodmanRemoveInputs([], Archives, Everything: false), cancellationToken: cancellationToken);
        steps.Add(new StepResult(StepKind.CleanupSource, from, StepRole.Source, StepStatus.Succeeded, cleanupStart, DateTimeOffset.UtcNow, 0, new Dictionary<string, string>(), null, null));

        double? Time(IReadOnlyDictionary<string, string> values, string key) =>
            double.TryParse(values.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var v) ? v : null;
        double? Between(double? a, double? b) => a is { } x && b is { } y ? Math.Round(y - x, 4) : null;
        var freeze = Time(dump, OutputKeys.FreezeStart);
        var ok = reason is null;
        long.TryParse(dump.GetValueOrDefault(OutputKeys.BytesSent), out var bytes);
        var ended = DateTimeOffset.UtcNow;
        var log = string.Join(", ", dump.Concat(restore).Select(kv => $"{kv.Key}={kv.Value}"));
        await run.AddFileAsync("podman.log", log + "\n", cancellationToken);
        return new MigrationResult(run.Id, app.Name, from, to, Strategy,
            "baseline: podman container checkpoint --export, copy through the VPN, podman container restore --import",
            ok ? MigrationOutcome.Succeeded : MigrationOutcome.Failed, ok ? to : null, reason, started, ended,
            Between(freeze, Time(restore, OutputKeys.RestoredAt)), Between(freeze, Time(restore, OutputKeys.AnsweringAt)), null,
            ok ? Math.Round((migrated - started).TotalSeconds, 4) : null, Math.Round((ended - started).TotalSeconds, 4), bytes, bytes,
            new Dictionary<string, Criu.CriuStats>(), [], steps);
    }

    private IReadOnlyList<PodmanContainerInputs> Containers(AppDefinition app, string host) => Containers(_inputs, inventory.Stack, app, host);

    /// <summary>The app's containers on <paramref name="host"/> as the baseline's templates take them.</summary>
    public static IReadOnlyList<PodmanContainerInputs> Containers(ContainerInputsFactory factory, string stack, AppDefinition app, string host)
    {
        var inputs = factory.For(app, host);
        return app.Containers.Select((c, i) => new PodmanContainerInputs(
            inputs[i],
            $"localhost/ferry-{inputs[i].Id}:baseline",
            $"/var/lib/ferry/podman/skeleton/{inputs[i].Id}",
            $"/ferry-{stack}/{host}/podman",
            ((long)c.MemoryMb << 20).ToString(CultureInfo.InvariantCulture),
            c.Command,
            c.Environment.Select(e => $"--env={e}").ToList())).ToList();
    }

    /// <summary>A phase timed by the script's own clock between two of the times it reported.</summary>
    private static StepResult Timed(StepKind kind, string host, StepRole role, IReadOnlyDictionary<string, string> values, string startKey, string endKey)
    {
        DateTimeOffset? At(string key) => double.TryParse(values.GetValueOrDefault(key), CultureInfo.InvariantCulture, out var v)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v * 1000)) : null;
        return new StepResult(kind, host, role, StepStatus.Succeeded, At(startKey), At(endKey), 0, values, null, null);
    }
}

using System.Globalization;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;

namespace Ferry.MigrationSteps.Migration;

/// <summary>
/// A migration under client load: the probe starts before it and is always stopped after it, whatever
/// happened; its figures join the result and its samples go to probe.csv. With <paramref name="counts"/>,
/// the probe's running counts are read every second while it runs and handed over as they come.
/// </summary>
public sealed class ProbedMigration(IMigration inner, ClientProbe probe, ProbeOptions options, Action<ProbeCount>? counts = null) : IMigration
{
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(1);

    public async Task<MigrationResult> RunAsync(MigrationRequest request, RunRecord run, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var session = await probe.StartAsync(request.App, options, cancellationToken);
        using var watching = new CancellationTokenSource();
        var watcher = counts is null ? Task.CompletedTask : WatchAsync(session, counts, watching.Token);
        MigrationResult result;
        try
        {
            await Task.Delay(Timeouts.ProbeMargin, cancellationToken);
            result = await inner.RunAsync(request, run, progress, cancellationToken);

            // An interrupted migration has rolled back by now: what the clients saw of it still counts.
            await Task.Delay(Timeouts.ProbeMargin, CancellationToken.None);
        }
        catch
        {
            await watching.CancelAsync();
            await watcher;
            await StopQuietlyAsync(session);
            throw;
        }

        await watching.CancelAsync();
        await watcher;

        try
        {
            var (csv, samples, writes) = await probe.StopAsync(session, CancellationToken.None);
            await run.AddFileAsync("probe.csv", csv, CancellationToken.None);
            return result with { Probe = Summarize(result, samples) with { Writes = writes } };
        }
        catch (RemoteTaskException e)
        {
            // The migration's outcome stands; only the client figures are missing, and the result says why.
            return result with { ProbeError = e.Message };
        }
    }

    /// <summary>
    /// The probe's figures, with latency over the requests the move could touch: from a second before the
    /// freeze to a second after the downtime ended (the whole probe when nothing froze); for post-copy,
    /// also over the degraded time, while pages still arrived.
    /// </summary>
    private ProbeSummary Summarize(MigrationResult result, IReadOnlyList<ProbeSample> samples)
    {
        double? At(StepKind step, string key) =>
            result.Steps.Where(s => s.Kind == step).Select(s => s.Metrics.GetValueOrDefault(key)).FirstOrDefault(v => v is not null) is { } text
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

        var freeze = At(StepKind.Checkpoint, OutputKeys.FreezeStart);
        var window = freeze is { } f
            ? new ProbeWindow(f - 1, f + (result.DowntimeSeconds ?? result.FreezeSeconds ?? 0) + 1, "requests that started from 1 s before the freeze to 1 s after the downtime ended")
            : null;
        var summary = ProbeSummary.From(options.Clients, samples, window);
        return At(StepKind.Restore, OutputKeys.RestoredAt) is { } restored && result.DegradedSeconds is { } degraded
            ? summary with { Degraded = ProbeLatency.Of(samples, new ProbeWindow(restored, restored + degraded, "post-copy: requests that started from the restore until the source served its last page")) }
            : summary;
    }

    private async Task WatchAsync(ProbeSession session, Action<ProbeCount> report, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(CountEvery, cancellationToken);
                try
                {
                    report(await probe.CountAsync(session, cancellationToken));
                }
                catch (Exception e) when (e is RemoteTaskException or RemoteShellException)
                {
                    // A count missed is only a watcher's gap: the probe's own results are what count.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The migration ended.
        }
    }

    private async Task StopQuietlyAsync(ProbeSession session)
    {
        try
        {
            await probe.StopAsync(session, CancellationToken.None);
        }
        catch (RemoteTaskException)
        {
            // The migration's own exception is the one to report.
        }
    }
}

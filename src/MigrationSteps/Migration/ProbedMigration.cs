using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Migration;

/// <summary>
/// A migration under client load: the probe starts before it and is always stopped after it, whatever
/// happened; its figures join the result and its samples go to probe.csv.
/// </summary>
public sealed class ProbedMigration(IMigration inner, ClientProbe probe, ProbeOptions options) : IMigration
{
    public async Task<MigrationResult> RunAsync(MigrationRequest request, RunRecord run, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var session = await probe.StartAsync(request.App, options, cancellationToken);
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
            await StopQuietlyAsync(session);
            throw;
        }

        try
        {
            var (csv, summary) = await probe.StopAsync(session, CancellationToken.None);
            await run.AddFileAsync("probe.csv", csv, CancellationToken.None);
            return result with { Probe = summary };
        }
        catch (RemoteTaskException e)
        {
            // The migration's outcome stands; only the client figures are missing, and the result says why.
            return result with { ProbeError = e.Message };
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

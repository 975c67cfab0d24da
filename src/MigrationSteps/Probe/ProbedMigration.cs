using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Results;

namespace Ferry.MigrationSteps.Probe;

/// <summary>A migration under client load: the probe starts before it and stops after it, and its figures join the result.</summary>
public static class ProbedMigration
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    public static async Task<MigrationResult> RunAsync(
        Migrator migrator, ClientProbe probe, ProbeOptions options, MigrationRequest request,
        Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        await probe.StartAsync(request.App, options, cancellationToken);
        MigrationResult result;
        try
        {
            await Task.Delay(Margin, cancellationToken);
            result = await migrator.MigrateAsync(request, progress, cancellationToken);
            await Task.Delay(Margin, cancellationToken);
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await probe.StopAsync(CancellationToken.None);
            }
        }

        var (csv, summary) = await probe.StopAsync(cancellationToken);
        var run = Path.Combine(request.RunsDirectory, result.Id);
        await File.WriteAllTextAsync(Path.Combine(run, "probe.csv"), csv, cancellationToken);
        result = result with { Probe = summary };
        await File.WriteAllTextAsync(Path.Combine(run, "result.json"), result.ToJson(), cancellationToken);
        return result;
    }
}

using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Results;

namespace Ferry.MigrationSteps.Migration;

/// <summary>Runs a migration (with whatever wraps it) inside its own runs/&lt;id&gt;/ and writes its result there once.</summary>
public sealed class RunRecorder(string runsDirectory = "runs")
{
    public string RunsDirectory { get; } = runsDirectory;

    public RunRecord Begin(string app)
    {
        var id = $"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{app}-{Guid.NewGuid().ToString("N")[..6]}";
        return new RunRecord(id, Path.Combine(RunsDirectory, id));
    }

    public Task<MigrationResult> RecordAsync(IMigration migration, MigrationRequest request, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default) =>
        RecordAsync(migration, request, Begin(request.App.Name), progress, cancellationToken);

    /// <summary>Runs the migration in a run already begun (whose id the caller handed out before it started).</summary>
    public async Task<MigrationResult> RecordAsync(IMigration migration, MigrationRequest request, RunRecord run, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await migration.RunAsync(request, run, progress, cancellationToken);
        run.Write(result);
        return result;
    }
}

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

    public async Task<MigrationResult> RecordAsync(IMigration migration, MigrationRequest request, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = Begin(request.App.Name);
        var result = await migration.RunAsync(request, run, progress, cancellationToken);
        run.Write(result);
        return result;
    }
}

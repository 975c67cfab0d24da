using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Results;

namespace Ferry.MigrationSteps.Migration;

/// <summary>A migration that can be run and wrapped (a probe around it, for instance); <see cref="RunRecorder"/> records it.</summary>
public interface IMigration
{
    Task<MigrationResult> RunAsync(MigrationRequest request, RunRecord run, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default);
}

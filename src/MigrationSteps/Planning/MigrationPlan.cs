using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Planning;

/// <summary>An ordered set of steps for one migration, validated before the first SSH call.</summary>
public sealed record MigrationPlan(string Strategy, IReadOnlyList<MigrationStep> Steps)
{
    public IEnumerable<MigrationStep> Named(string name) => Steps.Where(s => s.Name == name);
}

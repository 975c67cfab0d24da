namespace Ferry.MigrationSteps.Steps;

/// <summary>The part a host plays in a migration.</summary>
public enum StepRole
{
    Source,
    Target,
    Router,
}

namespace Ferry.MigrationSteps.Engine;

/// <summary>How a step ended.</summary>
public enum StepStatus
{
    Succeeded,
    Failed,

    /// <summary>Its conditions did not hold (a rollback after a success, a step after a failure).</summary>
    Skipped,
}

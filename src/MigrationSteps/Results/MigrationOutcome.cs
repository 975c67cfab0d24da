namespace Ferry.MigrationSteps.Results;

/// <summary>How a migration ended.</summary>
public enum MigrationOutcome
{
    /// <summary>The application runs on the target.</summary>
    Succeeded,

    /// <summary>Preflight said no; nothing was changed.</summary>
    Refused,

    /// <summary>A step failed; the application was brought back and runs where the result says.</summary>
    RolledBack,

    /// <summary>A step failed and the rollback did not complete: see the steps for where things stand.</summary>
    Failed,
}

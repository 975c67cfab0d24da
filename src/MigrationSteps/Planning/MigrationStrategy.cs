namespace Ferry.MigrationSteps.Planning;

/// <summary>How memory gets from the source to the target.</summary>
public enum MigrationStrategy
{
    /// <summary>The lowest-downtime strategy both hosts support.</summary>
    Auto,

    /// <summary>Checkpoint, transfer, restore.</summary>
    Cold,

    /// <summary>Memory shipped while the application runs, then only what changed.</summary>
    Precopy,

    /// <summary>Memory streamed to a criu page server on the target during the dump.</summary>
    PageServer,

    /// <summary>Post-copy: restore first, memory follows on demand.</summary>
    Lazy,
}

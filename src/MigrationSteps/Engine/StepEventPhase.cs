namespace Ferry.MigrationSteps.Engine;

/// <summary>What a <see cref="StepEvent"/> reports.</summary>
public enum StepEventPhase
{
    Started,

    /// <summary>A line the step's script printed (not a ferry-out line).</summary>
    Output,
    Finished,
}

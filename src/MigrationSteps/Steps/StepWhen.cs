namespace Ferry.MigrationSteps.Steps;

/// <summary>When a step runs.</summary>
public enum StepWhen
{
    /// <summary>Only while every earlier step has succeeded (the forward path).</summary>
    OnSuccess,

    /// <summary>After the forward path, whether it succeeded or not (cleanup).</summary>
    Always,

    /// <summary>Only after the forward path failed (rollback).</summary>
    OnFailure,

    /// <summary>Only after the forward path succeeded (the source's copy goes once the target has everything).</summary>
    AfterSuccess,
}

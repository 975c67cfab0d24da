namespace Ferry.MigrationSteps.Engine;

/// <summary>Progress of a running plan, for live display.</summary>
public sealed record StepEvent(string StepId, StepEventPhase Phase, string? Line = null, StepResult? Result = null);

using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Engine;

/// <summary>The outcome of running a plan: every step's result (in plan order), the first failure if any, and whether it was cancelled before its forward path ended.</summary>
public sealed record EngineRun(MigrationPlan Plan, IReadOnlyList<StepResult> Steps, StepResult? FirstFailure, bool Interrupted = false)
{
    public bool Succeeded => FirstFailure is null && !Interrupted;

    /// <summary>Every step of this kind ran and succeeded.</summary>
    public bool Completed(StepKind kind) => Steps.Any(s => s.Kind == kind) && Steps.Where(s => s.Kind == kind).All(s => s.Status == StepStatus.Succeeded);

    public StepResult? Step(StepKind kind) => Steps.FirstOrDefault(s => s.Kind == kind);
}

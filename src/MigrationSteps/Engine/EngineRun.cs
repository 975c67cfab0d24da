namespace Ferry.MigrationSteps.Engine;

/// <summary>The outcome of running a plan: every step's result, and the first failure if any.</summary>
public sealed record EngineRun(IReadOnlyList<StepResult> Steps, StepResult? FirstFailure)
{
    public bool Succeeded => FirstFailure is null;

    public bool Completed(string name) => Steps.Any(s => s.Name == name) && Steps.Where(s => s.Name == name).All(s => s.Status == StepStatus.Succeeded);

    public StepResult? Step(string name) => Steps.FirstOrDefault(s => s.Name == name);
}

namespace Ferry.MigrationSteps.Steps;

/// <summary>When a rollback or cleanup step applies: every step of <paramref name="IfCompleted"/> succeeded and none of <paramref name="IfNotCompleted"/> did.</summary>
public sealed record StepCondition(IReadOnlyList<MigrationStep> IfCompleted, IReadOnlyList<MigrationStep> IfNotCompleted)
{
    public static StepCondition Completed(params MigrationStep[] steps) => new(steps, []);

    public static StepCondition NotCompleted(params MigrationStep[] steps) => new([], steps);

    public StepCondition AndNotCompleted(params MigrationStep[] steps) => this with { IfNotCompleted = [.. IfNotCompleted, .. steps] };

    public bool Holds(Func<MigrationStep, bool> completed) => IfCompleted.All(completed) && !IfNotCompleted.Any(completed);

    public override string ToString() =>
        string.Join(" and ", IfCompleted.Select(s => $"{s.Id} completed").Concat(IfNotCompleted.Select(s => $"{s.Id} not completed")));
}

using Ferry.MigrationSteps.Engine;

namespace Ferry.MigrationSteps.Steps;

/// <summary>
/// When a rollback or cleanup step applies, judged once the steps it depends on have finished: every step of
/// <paramref name="IfCompleted"/> succeeded, none of <paramref name="IfNotCompleted"/> did, every step of
/// <paramref name="IfRan"/> ran (succeeded or failed) and none of <paramref name="IfNotFailed"/> failed.
/// </summary>
public sealed record StepCondition(
    IReadOnlyList<MigrationStep> IfCompleted,
    IReadOnlyList<MigrationStep> IfNotCompleted,
    IReadOnlyList<MigrationStep> IfRan,
    IReadOnlyList<MigrationStep> IfNotFailed)
{
    public static StepCondition Completed(params MigrationStep[] steps) => new(steps, [], [], []);

    public static StepCondition NotCompleted(params MigrationStep[] steps) => new([], steps, [], []);

    public static StepCondition Ran(params MigrationStep[] steps) => new([], [], steps, []);

    public static StepCondition NotFailed(params MigrationStep[] steps) => new([], [], [], steps);

    public StepCondition AndNotCompleted(params MigrationStep[] steps) => this with { IfNotCompleted = [.. IfNotCompleted, .. steps] };

    /// <summary>Every step the condition names.</summary>
    public IEnumerable<MigrationStep> Steps => IfCompleted.Concat(IfNotCompleted).Concat(IfRan).Concat(IfNotFailed);

    /// <param name="status">How a step ended, or null when it did not run (yet).</param>
    public bool Holds(Func<MigrationStep, StepStatus?> status) =>
        IfCompleted.All(s => status(s) == StepStatus.Succeeded)
        && !IfNotCompleted.Any(s => status(s) == StepStatus.Succeeded)
        && IfRan.All(s => status(s) is StepStatus.Succeeded or StepStatus.Failed)
        && !IfNotFailed.Any(s => status(s) == StepStatus.Failed);

    public override string ToString() =>
        string.Join(" and ", IfCompleted.Select(s => $"{s.Id} completed")
            .Concat(IfNotCompleted.Select(s => $"{s.Id} not completed"))
            .Concat(IfRan.Select(s => $"{s.Id} ran"))
            .Concat(IfNotFailed.Select(s => $"{s.Id} not failed")));
}

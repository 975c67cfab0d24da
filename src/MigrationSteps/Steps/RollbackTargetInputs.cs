namespace Ferry.MigrationSteps.Steps;

/// <summary>rollback-target: whatever was made on the target goes.</summary>
public sealed record RollbackTargetInputs(IReadOnlyList<ContainerInputs> Containers) : IStepInputs
{
    public static StepKind Kind => StepKind.RollbackTarget;

    public static string Template => "migrate/rollback-target.sh";
}

namespace Ferry.MigrationSteps.Steps;

/// <summary>cleanup-target: image directories go once nothing reads them.</summary>
public sealed record CleanupTargetInputs(IReadOnlyList<ContainerInputs> Containers, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.CleanupTarget;

    public static string Template => "migrate/cleanup-target.sh";
}

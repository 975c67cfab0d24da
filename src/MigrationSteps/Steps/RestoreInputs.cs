namespace Ferry.MigrationSteps.Steps;

/// <summary>restore: the containers on the target from their images; waits until each answers.</summary>
public sealed record RestoreInputs(IReadOnlyList<ContainerInputs> Containers, string PageSourceIp, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.Restore;

    public static string Template => "migrate/restore.sh";
}

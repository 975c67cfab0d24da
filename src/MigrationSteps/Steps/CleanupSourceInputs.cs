namespace Ferry.MigrationSteps.Steps;

/// <summary>cleanup-source: the source's remains go once the strategy is done with it.</summary>
public sealed record CleanupSourceInputs(IReadOnlyList<ContainerInputs> Containers, string TargetIp, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.CleanupSource;

    public static string Template => "migrate/cleanup-source.sh";
}

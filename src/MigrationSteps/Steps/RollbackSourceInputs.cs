namespace Ferry.MigrationSteps.Steps;

/// <summary>rollback-source: the containers back on the source from their images.</summary>
public sealed record RollbackSourceInputs(IReadOnlyList<ContainerInputs> Containers, string SourceIp, string TargetIp, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.RollbackSource;

    public static string Template => "migrate/rollback-source.sh";
}

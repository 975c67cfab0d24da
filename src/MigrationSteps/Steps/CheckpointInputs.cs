namespace Ferry.MigrationSteps.Steps;

/// <summary>checkpoint: the freeze and the dump on the source.</summary>
public sealed record CheckpointInputs(IReadOnlyList<ContainerInputs> Containers, string SourceIp, string TargetIp, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.Checkpoint;

    public static string Template => "migrate/checkpoint.sh";
}

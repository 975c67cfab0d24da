namespace Ferry.MigrationSteps.Steps;

/// <summary>prepare-target: bundles, network namespaces and image directories on the target.</summary>
public sealed record PrepareTargetInputs(IReadOnlyList<ContainerInputs> Containers, string TargetIp, string SourceIp, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.PrepareTarget;

    public static string Template => "migrate/prepare-target.sh";
}

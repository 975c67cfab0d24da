namespace Ferry.MigrationSteps.Steps;

/// <summary>pre-dump: memory and files shipped to the target while the application runs.</summary>
public sealed record PreDumpInputs(IReadOnlyList<ContainerInputs> Containers, string TargetIp, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.PreDump;

    public static string Template => "migrate/pre-dump.sh";
}

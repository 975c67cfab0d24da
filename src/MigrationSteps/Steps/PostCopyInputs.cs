namespace Ferry.MigrationSteps.Steps;

/// <summary>post-copy: the target's lazy-pages daemon fetches every page, and the application answers with all of them.</summary>
public sealed record PostCopyInputs(IReadOnlyList<ContainerInputs> Containers, string SourceIp, StrategyPartials Strategy) : IStepInputs
{
    public static StepKind Kind => StepKind.PostCopy;

    public static string Template => "migrate/post-copy.sh";
}

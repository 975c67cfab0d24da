namespace Ferry.MigrationSteps.Steps;

/// <summary>release: held requests go through again.</summary>
public sealed record ReleaseInputs(IReadOnlyList<string> Services, int Maxconn) : IStepInputs
{
    public static StepKind Kind => StepKind.Release;

    public static string Template => "migrate/release.sh";
}

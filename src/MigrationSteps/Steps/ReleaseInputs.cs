using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Steps;

/// <summary>release: held requests go through again.</summary>
public sealed record ReleaseInputs(IReadOnlyList<FrontService> Services) : IStepInputs
{
    public static StepKind Kind => StepKind.Release;

    public static string Template => "migrate/release.sh";
}

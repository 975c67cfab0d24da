namespace Ferry.MigrationSteps.Steps;

/// <summary>preflight: what the host can do now, and the state of the application's containers there.</summary>
public sealed record PreflightInputs(IReadOnlyList<string> Ids) : IStepInputs
{
    public static StepKind Kind => StepKind.Preflight;

    public static string Template => "migrate/preflight.sh";
}

namespace Ferry.MigrationSteps.Steps;

/// <summary>route-back: after a failure past the restore, this router's routes point at the source again; the front holds Services until the release.</summary>
public sealed record RouteBackInputs(IReadOnlyList<RouteInput> Routes, IReadOnlyList<string> Services) : IStepInputs
{
    public static StepKind Kind => StepKind.RouteBack;

    public static string Template => "migrate/route-back.sh";
}

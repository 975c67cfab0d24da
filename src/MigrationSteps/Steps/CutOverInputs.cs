using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Steps;

/// <summary>cut-over: this router's routes to the target; the front also waits until the containers in Checks answer through them and releases Services.</summary>
public sealed record CutOverInputs(IReadOnlyList<RouteInput> Routes, IReadOnlyList<ContainerInputs> Checks, IReadOnlyList<FrontService> Services) : IStepInputs
{
    public static StepKind Kind => StepKind.CutOver;

    public static string Template => "migrate/cut-over.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>The Podman baseline's run step on one host (templates/baseline/podman-run.sh).</summary>
public sealed record PodmanRunInputs(IReadOnlyList<PodmanContainerInputs> Containers) : ITemplateInputs
{
    public static string Template => "baseline/podman-run.sh";
}

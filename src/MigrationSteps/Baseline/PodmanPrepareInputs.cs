using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>The Podman baseline's prepare step on one host (templates/baseline/podman-prepare.sh).</summary>
public sealed record PodmanPrepareInputs(IReadOnlyList<PodmanContainerInputs> Containers) : ITemplateInputs
{
    public static string Template => "baseline/podman-prepare.sh";
}

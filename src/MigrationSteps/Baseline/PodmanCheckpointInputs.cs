using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>The Podman baseline on the source: checkpoint export into <paramref name="Archives"/>, then the copy to the target.</summary>
public sealed record PodmanCheckpointInputs(IReadOnlyList<PodmanContainerInputs> Containers, string TargetIp, string Archives) : ITemplateInputs
{
    public static string Template => "baseline/podman-checkpoint.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>The Podman baseline on the target: restore from the copied archives, then wait for the health check.</summary>
public sealed record PodmanRestoreInputs(IReadOnlyList<PodmanContainerInputs> Containers, string Archives) : ITemplateInputs
{
    public static string Template => "baseline/podman-restore.sh";
}

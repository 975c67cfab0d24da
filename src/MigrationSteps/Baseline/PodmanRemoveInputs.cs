using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>Removes the Podman baseline's containers and archives from a host; <paramref name="Everything"/> also its images and namespaces.</summary>
public sealed record PodmanRemoveInputs(IReadOnlyList<PodmanContainerInputs> Containers, string Archives, bool Everything) : ITemplateInputs
{
    public static string Template => "baseline/podman-remove.sh";
}

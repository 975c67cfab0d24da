using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>The Podman baseline's prepare step on one host (templates/baseline/podman-prepare.sh).</summary>
/// <param name="Peers">Private addresses of the hosts this one pushes its built image to.</param>
/// <param name="Load">Load the image a peer pushed into <paramref name="Archives"/> instead of building it.</param>
public sealed record PodmanPrepareInputs(IReadOnlyList<PodmanContainerInputs> Containers, string Archives, IReadOnlyList<string> Peers, bool Load) : ITemplateInputs
{
    public static string Template => "baseline/podman-prepare.sh";
}

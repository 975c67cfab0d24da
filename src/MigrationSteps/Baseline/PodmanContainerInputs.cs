using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Baseline;

/// <summary>One container as the Podman baseline's templates see it: ferry's own container inputs plus what <c>podman run</c> takes.</summary>
/// <param name="Image">The local image holding the container's skeleton root file system and files.</param>
/// <param name="Skeleton">Where that root file system is assembled before <c>podman import</c>.</param>
/// <param name="Environment">Each as one <c>--env=NAME=value</c> argument.</param>
public sealed record PodmanContainerInputs(
    ContainerInputs Container, string Image, string Skeleton, string CgroupParent, string MemoryBytes, IReadOnlyList<string> Command, IReadOnlyList<string> Environment);

namespace Ferry.MigrationSteps.Apps;

/// <summary>One runc container of an application.</summary>
/// <param name="Name">Container name, unique in the application.</param>
/// <param name="Address">The container's IP in the stack's apps subnet; it keeps it when it moves.</param>
/// <param name="Command">The process to run (argv).</param>
/// <param name="Ports">TCP ports the container serves; the first is its health check.</param>
/// <param name="MemoryMb">Memory limit; preflight wants this much free on the target.</param>
/// <param name="Files">Files written into the container's root file system.</param>
/// <param name="Environment">Extra environment variables (NAME=value).</param>
/// <param name="Front">How the HAProxy front publishes the container, if it does.</param>
/// <param name="Health">Its application-level health check; without one, an accepted TCP connection counts.</param>
/// <param name="Probe">What the client probe asks through the front (needs <paramref name="Front"/>).</param>
public sealed record ContainerDefinition(
    string Name,
    string Address,
    IReadOnlyList<string> Command,
    IReadOnlyList<int> Ports,
    int MemoryMb,
    IReadOnlyList<ContainerFile> Files,
    IReadOnlyList<string> Environment,
    FrontDefinition? Front = null,
    HealthDefinition? Health = null,
    ProbeDefinition? Probe = null);

using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>What a plan is built from: the two hosts, the application's containers on each, and the front's services.</summary>
/// <param name="SourceContainers">The containers' inputs rendered for the source host.</param>
/// <param name="TargetContainers">The same containers for the target (their cgroup paths differ).</param>
/// <param name="Front">The front host, when the stack has one.</param>
/// <param name="Services">The front's services of the application (empty without a front).</param>
/// <param name="Routes">Each router's new routes after the cut-over, by router host name.</param>
/// <param name="SourceRoutes">Each router's routes back to the source, after a failure past the restore.</param>
public sealed record PlanContext(
    InventoryHost Source,
    InventoryHost Target,
    IReadOnlyList<ContainerInputs> SourceContainers,
    IReadOnlyList<ContainerInputs> TargetContainers,
    InventoryHost? Front,
    IReadOnlyList<FrontService> Services,
    IReadOnlyDictionary<string, IReadOnlyList<RouteInput>> Routes,
    IReadOnlyDictionary<string, IReadOnlyList<RouteInput>> SourceRoutes,
    bool Compress);

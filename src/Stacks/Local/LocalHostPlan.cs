using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Local;

/// <summary>Everything needed to boot one local host: its names, addresses, links and routes.</summary>
public sealed record LocalHostPlan(
    int Index,
    string Name,
    HostRole Role,
    string Site,
    string Namespace,
    string ManagementVeth,
    string ManagementIp,
    string PrivateIp,
    string? PublicIp,
    IReadOnlyList<LocalLink> Links,
    IReadOnlyList<LocalRoute> Routes);

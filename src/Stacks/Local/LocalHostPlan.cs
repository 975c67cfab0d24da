using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Local;

/// <summary>Everything needed to boot one local host: its names, addresses, links and routes.</summary>
/// <param name="PublicNat">Whether the host maps its public address 1:1 onto its private one (the front: services listen on the private address, as on a cloud).</param>
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
    IReadOnlyList<LocalRoute> Routes,
    bool PublicNat = false);

using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;

namespace Ferry.Stacks.Model;

/// <summary>One emulated or real cloud: a private subnet with a gateway and workload hosts.</summary>
/// <param name="Name">Site name, unique in the stack.</param>
/// <param name="Cloud">The cloud this site emulates or is deployed on: aws, gcp or azure.</param>
/// <param name="Subnet">The site's private subnet.</param>
/// <param name="Hosts">The site's hosts; exactly one gateway, at least one workload.</param>
/// <param name="Region">Region or location (real clouds).</param>
/// <param name="Zone">Availability zone (real clouds; gcp needs one).</param>
/// <param name="Project">GCP project id (real clouds, gcp only).</param>
/// <param name="InstanceSize">Default instance size for the site's hosts (real clouds).</param>
public sealed record SiteDefinition(
    string Name,
    string Cloud,
    Cidr Subnet,
    IReadOnlyList<HostDefinition> Hosts,
    string? Region = null,
    string? Zone = null,
    string? Project = null,
    string? InstanceSize = null)
{
    public HostDefinition Gateway => Hosts.Single(h => h.Role == HostRole.Gateway);

    public IEnumerable<HostDefinition> Workloads => Hosts.Where(h => h.Role == HostRole.Workload);
}

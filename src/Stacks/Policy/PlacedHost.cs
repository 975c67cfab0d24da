using System.Net;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Policy;

/// <summary>
/// A host of a cloud site (real or twin), placed in the site it is deployed in, with its fixed private
/// address. The Pulumi program and the local twin give every host the same address.
/// </summary>
public sealed record PlacedHost(HostDefinition Host, SiteDefinition Site, IPAddress PrivateIp)
{
    public string Name => Host.Name;

    public HostRole Role => Host.Role;

    public string RoleName => Host.Role.ToString().ToLowerInvariant();

    /// <summary>
    /// Whether the cloud must let this host send and receive packets that are not its own address
    /// (AWS <c>sourceDestCheck: false</c>, GCP <c>canIpForward</c>, Azure <c>enableIPForwarding</c>).
    /// Gateways route the other sites' subnets; workloads hold containers whose addresses (in the apps
    /// subnet) are not the host's. Without the flag the cloud drops those packets.
    /// </summary>
    public bool ForwardsTraffic => Role is HostRole.Gateway or HostRole.Workload;

    /// <summary>
    /// Whether the host's public address is a static one reserved apart from the instance (Elastic IP,
    /// static external address, static public IP): peers name the gateway in their rules, clients the front.
    /// </summary>
    public bool HasStaticPublicAddress => Role is HostRole.Gateway or HostRole.Front;

    /// <summary>The host's size, else the site's, else the cloud's small default that still runs CRIU comfortably.</summary>
    public string Size(string cloudDefault) => Host.Size ?? Site.InstanceSize ?? cloudDefault;
}

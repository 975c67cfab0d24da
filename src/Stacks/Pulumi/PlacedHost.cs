using System.Net;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>A host of a real-cloud stack, placed in the site it is deployed in, with its fixed private address.</summary>
public sealed record PlacedHost(HostDefinition Host, SiteDefinition Site, IPAddress PrivateIp)
{
    public string Name => Host.Name;

    public HostRole Role => Host.Role;

    public string RoleName => Host.Role.ToString().ToLowerInvariant();

    /// <summary>The host's size, else the site's, else the cloud's small default that still runs CRIU comfortably.</summary>
    public string Size(string cloudDefault) => Host.Size ?? Site.InstanceSize ?? cloudDefault;
}

using System.Net;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Where a container's pieces live on a host; the same on every host, so a container can move.</summary>
public sealed record ContainerNaming(string Stack, string App, ContainerDefinition Container)
{
    public const string AppsRoot = "/var/lib/ferry/apps";
    public const string MigrateRoot = "/var/lib/ferry/migrate";

    public string Id => $"{App}-{Container.Name}";

    public string Bundle => $"{AppsRoot}/{App}/{Container.Name}";

    public string Netns => $"ctr-{App}-{Container.Name}";

    public string NetnsPath => $"/run/netns/{Netns}";

    /// <summary>CRIU options runc has no flag for, read through the org.criu.config annotation.</summary>
    public string CriuConfig => $"{Bundle}/criu.conf";

    /// <summary>Host side of the container's veth, derived from its address so that it is unique per host.</summary>
    public string Veth
    {
        get
        {
            var b = IPAddress.Parse(Container.Address).GetAddressBytes();
            return $"fc{b[1]:x2}{b[2]:x2}{b[3]:x2}";
        }
    }

    /// <summary>The hosts share the machine's cgroup v1 hierarchy: give each host's containers their own path.</summary>
    public string CgroupsPath(string host) => $"/ferry-{Stack}/{host}/{Id}";

    public string Images(string runId) => $"{MigrateRoot}/{runId}/{Container.Name}";
}

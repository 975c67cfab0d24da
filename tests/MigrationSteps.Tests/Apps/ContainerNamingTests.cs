using Ferry.MigrationSteps.Apps;

namespace Ferry.MigrationSteps.Tests.Apps;

public sealed class ContainerNamingTests
{
    private static ContainerNaming Naming(string address, string app = "counter", string container = "counter") =>
        new("unit", app, new ContainerDefinition(container, address, ["sleep"], [], 128, [], []));

    [Fact]
    public void Veth_Address_HexOfLastThreeOctets()
    {
        Assert.Equal("fcfc000a", Naming("10.252.0.10").Veth);
    }

    [Fact]
    public void Veth_EveryAddressOfASlash16_AtMost15CharsAndUnique()
    {
        var veths = new HashSet<string>();
        for (var i = 0; i < 65536; i++)
        {
            var veth = Naming($"10.252.{i >> 8}.{i & 255}").Veth;
            Assert.True(veth.Length <= 15, veth);
            Assert.True(veths.Add(veth), veth);
        }
    }

    [Fact]
    public void Veth_LongAppAndContainerNames_StillShort()
    {
        Assert.Equal("fcfcffff", Naming("10.252.255.255", "abcdefghijklmnopqrst", "abcdefghijklmnopqrst").Veth);
    }

    [Fact]
    public void CgroupsPath_IncludesStackHostAndId()
    {
        Assert.Equal("/ferry-unit/gcp-w1/counter-web", Naming("10.252.0.10", "counter", "web").CgroupsPath("gcp-w1"));
    }

    [Fact]
    public void CgroupsPath_DiffersPerHost()
    {
        var naming = Naming("10.252.0.10");

        Assert.NotEqual(naming.CgroupsPath("aws-w1"), naming.CgroupsPath("gcp-w1"));
    }

    [Fact]
    public void Paths_SameOnEveryHost()
    {
        var naming = Naming("10.252.0.10", "redis", "redis");

        Assert.Equal(
            ("redis-redis", "/var/lib/ferry/apps/redis/redis", "ctr-redis-redis", "/run/netns/ctr-redis-redis", "/var/lib/ferry/migrate/run-1/redis"),
            (naming.Id, naming.Bundle, naming.Netns, naming.NetnsPath, naming.Images("run-1")));
    }
}

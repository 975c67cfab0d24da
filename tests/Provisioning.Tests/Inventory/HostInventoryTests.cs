using Ferry.Provisioning.Inventory;

namespace Ferry.Provisioning.Tests.Inventory;

public class HostInventoryTests
{
    private static readonly HostInventory Sample = new("s", "local", "10.252.0.0/24",
    [
        new InventoryHost("gw", HostRole.Gateway, "aws", "10.250.0.2", 22, "root", "/k", "10.250.0.2 ssh-ed25519 AAAA", "10.10.1.1", "10.251.0.1"),
        new InventoryHost("w1", HostRole.Workload, "aws", "10.250.0.3", 22, "root", "/k", "10.250.0.3 ssh-ed25519 BBBB", "10.10.1.10"),
    ]);

    [Fact]
    public void FromJson_ToJson_RoundTrips()
    {
        var back = HostInventory.FromJson(Sample.ToJson(), "test");

        Assert.Equal(Sample.Hosts, back.Hosts);
        Assert.Equal(Sample.Stack, back.Stack);
    }

    [Fact]
    public void ToJson_UsesTheDocumentedFieldNames()
    {
        var json = Sample.ToJson();

        foreach (var field in new[] { "\"stack\"", "\"hosts\"", "\"sshHost\"", "\"knownHostsLine\"", "\"privateIp\"", "\"role\"", "\"site\"", "\"keyPath\"" })
        {
            Assert.Contains(field, json);
        }
    }

    [Fact]
    public void Host_Unknown_ListsTheKnownOnes()
    {
        var error = Assert.Throws<InventoryException>(() => Sample.Host("nope"));

        Assert.Equal("no host named 'nope' in stack 's'; known hosts: gw, w1", error.Message);
    }

    [Fact]
    public void FromJson_Garbage_NamesTheSource()
    {
        var error = Assert.Throws<InventoryException>(() => HostInventory.FromJson("{\"stack\": 3", "inv.json"));

        Assert.StartsWith("inv.json:", error.Message);
    }
}

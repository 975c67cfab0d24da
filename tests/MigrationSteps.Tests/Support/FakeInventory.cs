using Ferry.Provisioning.Inventory;

namespace Ferry.MigrationSteps.Tests.Support;

/// <summary>Two sites (aws, gcp) with a gateway and a workload each, plus a front and a client on the internet segment.</summary>
public static class FakeInventory
{
    public const string Source = "aws-w1";
    public const string Target = "gcp-w1";

    public static HostInventory Create() => new("unit", "local", "10.252.0.0/24",
    [
        Host("aws-gw", HostRole.Gateway, "aws", "10.10.0.1", "203.0.113.1"),
        Host(Source, HostRole.Workload, "aws", "10.10.0.11"),
        Host("gcp-gw", HostRole.Gateway, "gcp", "10.20.0.1", "203.0.113.2"),
        Host(Target, HostRole.Workload, "gcp", "10.20.0.11"),
        Host("front", HostRole.Front, "", "203.0.113.10"),
        Host("client", HostRole.Client, "", "203.0.113.20"),
    ]);

    private static InventoryHost Host(string name, HostRole role, string site, string privateIp, string? publicIp = null) =>
        new(name, role, site, privateIp, 22, "root", "/keys/unit", $"{privateIp} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{name}", privateIp, publicIp);
}

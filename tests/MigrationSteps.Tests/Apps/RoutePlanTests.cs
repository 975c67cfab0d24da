using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Tests.Support;

namespace Ferry.MigrationSteps.Tests.Apps;

public sealed class RoutePlanTests
{
    private static readonly string[] Addresses = ["10.252.0.10", "10.252.0.11"];

    [Fact]
    public void For_HostOnGcp_GcpGatewayViaPrivateIpOthersViaItsPublicIp()
    {
        var routes = RoutePlan.For(FakeInventory.Create(), "gcp-w1", Addresses);

        Assert.Equal(["aws-gw", "gcp-gw", "front", "client"], routes.Keys);
        Assert.Equal([new RouteInput("10.252.0.10", "10.20.0.11"), new RouteInput("10.252.0.11", "10.20.0.11")], routes["gcp-gw"]);
        Assert.All(new[] { "front", "client" }, r =>
            Assert.Equal([new RouteInput("10.252.0.10", "203.0.113.2"), new RouteInput("10.252.0.11", "203.0.113.2")], routes[r]));
        Assert.Equal([new RouteInput("10.252.0.10", "203.0.113.2", Tunnel: true), new RouteInput("10.252.0.11", "203.0.113.2", Tunnel: true)], routes["aws-gw"]);
    }

    [Fact]
    public void For_CloudLayout_FrontAndClientInsideSitesGoToTheirOwnGatewayAndTheFarGatewayThroughTheTunnel()
    {
        var inventory = FakeInventory.Create();
        inventory = inventory with
        {
            Hosts = inventory.Hosts.Select(h => h.Name switch
            {
                "front" => h with { Site = "aws", PrivateIp = "10.10.0.20" },
                "client" => h with { Site = "gcp", PrivateIp = "10.20.0.20" },
                _ => h,
            }).ToList(),
        };

        var routes = RoutePlan.For(inventory, "gcp-w1", ["10.252.0.10"]);

        Assert.Equal(
            [("aws-gw", "203.0.113.2", true), ("gcp-gw", "10.20.0.11", false), ("front", "10.10.0.1", false), ("client", "10.20.0.11", false)],
            routes.Select(r => (r.Key, Assert.Single(r.Value).Via, r.Value[0].Tunnel)));
    }

    [Fact]
    public void For_HostOnAws_AwsGatewayViaPrivateIpOthersViaItsPublicIp()
    {
        var routes = RoutePlan.For(FakeInventory.Create(), "aws-w1", ["10.252.0.10"]);

        Assert.Equal(
            [("aws-gw", "10.10.0.11"), ("gcp-gw", "203.0.113.1"), ("front", "203.0.113.1"), ("client", "203.0.113.1")],
            routes.Select(r => (r.Key, Assert.Single(r.Value).Via)));
    }

    [Fact]
    public void For_Workloads_GetNoRoute()
    {
        var routes = RoutePlan.For(FakeInventory.Create(), "gcp-w1", Addresses);

        Assert.DoesNotContain("aws-w1", routes.Keys);
        Assert.DoesNotContain("gcp-w1", routes.Keys);
    }

    [Fact]
    public void For_SiteWithoutGateway_Throws()
    {
        var inventory = FakeInventory.Create();
        inventory = inventory with { Hosts = inventory.Hosts.Where(h => h.Name != "gcp-gw").ToList() };

        var e = Assert.Throws<AppException>(() => RoutePlan.For(inventory, "gcp-w1", Addresses));

        Assert.Equal("site 'gcp' of host gcp-w1 has no gateway in the inventory", e.Message);
    }

    [Fact]
    public void For_GatewayWithoutPublicIp_Throws()
    {
        var inventory = FakeInventory.Create();
        inventory = inventory with { Hosts = inventory.Hosts.Select(h => h.Name == "gcp-gw" ? h with { PublicIp = null } : h).ToList() };

        var e = Assert.Throws<AppException>(() => RoutePlan.For(inventory, "gcp-w1", Addresses));

        Assert.Equal("gateway gcp-gw has no public address in the inventory", e.Message);
    }
}

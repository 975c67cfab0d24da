using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Files;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;
using Ferry.TestSupport;

namespace Ferry.Stacks.Tests.Local;

public class LocalTopologyTests
{
    private static readonly StackDefinition Stack = StackFile.Load(Path.Combine(RepoPaths.Stacks, "local.yaml"));

    [Fact]
    public void Plan_DefaultStack_GivesEveryHostDistinctAddresses()
    {
        var plan = LocalTopology.Plan(Stack);

        Assert.Equal(6, plan.Count);
        Assert.Equal(plan.Count, plan.Select(h => h.ManagementIp).Distinct().Count());
        Assert.Equal(plan.Count, plan.Select(h => h.PrivateIp).Distinct().Count());
        Assert.All(plan, h => Assert.True(Stack.Network.Management.Contains(System.Net.IPAddress.Parse(h.ManagementIp))));
    }

    [Fact]
    public void Plan_NoHost_HasADefaultRoute()
    {
        Assert.NotEmpty(LocalTopology.Plan(Stack).SelectMany(h => h.Routes));
        Assert.All(LocalTopology.Plan(Stack).SelectMany(h => h.Routes), r => Assert.NotEqual("0.0.0.0/0", r.Destination));
    }

    [Fact]
    public void Plan_VpnDisabled_GatewaysRouteToThePeerSiteOverTheInternet()
    {
        var plan = LocalTopology.Plan(Stack with { Vpn = Stack.Vpn with { Enabled = false } });
        var aws = plan.Single(h => h.Name == "aws-gw");
        var gcp = plan.Single(h => h.Name == "gcp-gw");

        Assert.Equal([new LocalRoute("10.10.2.0/24", gcp.PublicIp!)], aws.Routes);
        Assert.Single(aws.Links, l => l.Bridge == LocalNames.InternetBridge && l.Shaped);
    }

    [Fact]
    public void Plan_VpnEnabled_NoRouteBetweenSitesOutsideTheTunnel()
    {
        var plan = LocalTopology.Plan(Stack);

        Assert.True(Stack.Vpn.Enabled);
        Assert.Empty(plan.Single(h => h.Name == "aws-gw").Routes);
        Assert.Empty(plan.Single(h => h.Name == "gcp-gw").Routes);
        Assert.Contains(new LocalRoute("10.10.2.0/24", "10.10.1.1"), plan.Single(h => h.Name == "aws-w1").Routes);
    }

    [Fact]
    public void Plan_Front_LivesInTheFirstSiteWithAPublicAddressNattedOntoItsPrivateOne()
    {
        var front = LocalTopology.Plan(Stack).Single(h => h.Role == HostRole.Front);

        Assert.Equal("aws", front.Site);
        Assert.Equal("10.10.1.100", front.PrivateIp);
        Assert.Equal("10.251.0.100", front.PublicIp);
        Assert.True(front.PublicNat);
        Assert.Single(front.Links, l => l.Bridge == LocalNames.InternetBridge && l.Address == "10.251.0.100/24" && !l.Shaped);
        Assert.Single(front.Links, l => l.Bridge == new LocalNames(Stack.Name).SiteBridge(0) && l.Address == "10.10.1.100/24");
        // The other site only through its own site's gateway: the tunnel.
        Assert.Equal([new LocalRoute("10.10.2.0/24", "10.10.1.1")], front.Routes);
    }

    [Fact]
    public void Plan_FrontSiteNamed_LivesInThatSite()
    {
        var front = LocalTopology.Plan(Stack with { Front = Stack.Front with { Site = "gcp" } }).Single(h => h.Role == HostRole.Front);

        Assert.Equal(("gcp", "10.10.2.100"), (front.Site, front.PrivateIp));
        Assert.Equal([new LocalRoute("10.10.1.0/24", "10.10.2.1")], front.Routes);
    }

    [Fact]
    public void Plan_Client_ReachesNoSite()
    {
        var client = LocalTopology.Plan(Stack).Single(h => h.Role == HostRole.Client);

        Assert.Empty(client.Routes);
        Assert.Equal("", client.Site);
        Assert.False(client.PublicNat);
    }

    [Fact]
    public void Names_LongestStackName_FitInterfaceLimit()
    {
        var names = new LocalNames("abcdefghijkl");

        Assert.True(names.ManagementBridge.Length <= 15);
        Assert.True(names.ManagementVeth(99).Length <= 15);
        Assert.NotEqual(new LocalNames("a1").ManagementVeth(23), new LocalNames("a12").ManagementVeth(3));
    }

    [Fact]
    public void Plan_Unshaped_ShapesNoLink()
    {
        var plan = LocalTopology.Plan(Stack with { Link = new LinkDefinition(null) });

        Assert.NotEmpty(plan.SelectMany(h => h.Links));
        Assert.All(plan.SelectMany(h => h.Links), l => Assert.False(l.Shaped));
    }
}

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
    public void Plan_FrontAndClient_ReachNoSite()
    {
        var plan = LocalTopology.Plan(Stack);

        Assert.Empty(plan.Single(h => h.Role == HostRole.Front).Routes);
        Assert.Empty(plan.Single(h => h.Role == HostRole.Client).Routes);
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

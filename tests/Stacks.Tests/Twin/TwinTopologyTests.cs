using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Policy;
using Ferry.Stacks.Pulumi;
using Ferry.Stacks.Tests.Pulumi;
using Ferry.Stacks.Twin;

namespace Ferry.Stacks.Tests.Twin;

public sealed class TwinTopologyTests
{
    private static readonly TwinPlan AwsGcp = TwinTopology.Plan(TestStacks.Load("aws-gcp"), TestStacks.Templates);

    [Fact]
    public void Plan_AwsGcp_HostsHaveThePulumiProgramsPrivateAddressesAndTheirCloudsUserData()
    {
        var stack = TestStacks.Load("aws-gcp");
        var policy = StackNetworkPolicy.For(stack);

        Assert.Equal(
            policy.Sites.SelectMany(s => s.Hosts).Select(h => (h.Name, h.PrivateIp.ToString(), TestStacks.Templates.UserData(h, "ferry"))),
            AwsGcp.Hosts.Select(h => (h.Name, h.PrivateIp, h.UserData)));
        Assert.Equal("aws-gcp-t", AwsGcp.Names.Stack);
    }

    [Fact]
    public void Plan_AwsGcp_GcpSiteHasMtu1460AndAwsItsJumboMtu()
    {
        Assert.Equal([("aws", 9001, 1500), ("gcp", 1460, 1460)], AwsGcp.Sites.Select(s => (s.Name, s.Mtu, s.InternetMtu)));
    }

    [Fact]
    public void Plan_AwsGcp_OnlyGatewaysAndWorkloadsMayForward()
    {
        Assert.Equal(
            [("aws-gw", true), ("aws-w1", true), ("front", false), ("gcp-gw", true), ("gcp-w1", true), ("client", false)],
            AwsGcp.Hosts.Select(h => (h.Name, h.Forwarding)));
    }

    [Fact]
    public void Plan_AwsGcp_SshOnlyFromTheOperatorIkeOnlyFromThePeerGatewayFrontPortsFromAnyone()
    {
        var aws = AwsGcp.Sites[0];
        var gcpGateway = AwsGcp.Sites[1].Hosts.Single(h => h.Role == HostRole.Gateway);

        var ssh = aws.Rules.Single(r => r.Name == "ssh");
        Assert.Equal([$"{AwsGcp.OperatorIp}/32"], ssh.Sources);
        Assert.Equal(aws.Hosts.Select(h => h.PrivateIp), ssh.Destinations);
        var ike = aws.Rules.Single(r => r.Name == "ike");
        Assert.Equal([$"{gcpGateway.PublicIp}/32"], ike.Sources);
        Assert.Equal([aws.Hosts.Single(h => h.Role == HostRole.Gateway).PrivateIp], ike.Destinations);
        Assert.Equal([500, 4500], ike.Ports);
        var front = aws.Rules.Single(r => r.Name == "front");
        Assert.Equal(["0.0.0.0/0"], front.Sources);
        Assert.Equal([80, 6379], front.Ports);
    }

    [Fact]
    public void Plan_AwsGcp_RouteTableSendsTheOtherSiteAndTheAppsToTheGateway()
    {
        var gcp = AwsGcp.Sites[1];

        Assert.Equal([new TwinRoute("10.10.1.0/24", "10.10.2.10"), new TwinRoute("10.252.0.0/24", "10.10.2.10")], gcp.Routes);
    }

    [Fact]
    public void Plan_LocalStack_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => TwinTopology.Plan(TestStacks.Load("local"), TestStacks.Templates));

        Assert.StartsWith("stack 'local' is kind: local; a twin stands in for a kind: pulumi stack", e.Message);
    }

    [Fact]
    public void Ruleset_ImpliedDenyWithOneAcceptPerRuleAndOneToOneNat()
    {
        var aws = AwsGcp.Sites[0];
        var gcpGateway = AwsGcp.Sites[1].Hosts.Single(h => h.Role == HostRole.Gateway);
        var lines = TwinRuleset.For(aws);

        Assert.Contains("    type filter hook forward priority filter; policy drop;", lines);
        Assert.All(aws.Hosts, h =>
        {
            Assert.Contains($"    iifname \"wan\" ip daddr {h.PublicIp} dnat to {h.PrivateIp}", lines);
            Assert.Contains($"    oifname \"wan\" ip saddr {h.PrivateIp} snat to {h.PublicIp}", lines);
        });
        Assert.Contains($"    iifname \"wan\" ip saddr {{ {gcpGateway.PublicIp} }} ip daddr {{ 10.10.1.10 }} udp dport {{ 500, 4500 }} accept comment \"ike\"", lines);
        Assert.Contains($"    iifname \"wan\" ip saddr {{ {gcpGateway.PublicIp} }} ip daddr {{ 10.10.1.10 }} meta l4proto esp accept comment \"esp\"", lines);
        Assert.Contains("    iifname \"wan\" ip saddr { 0.0.0.0/0 } ip daddr { 10.10.1.12 } tcp dport { 80, 6379 } accept comment \"front\"", lines);
    }

    [Fact]
    public void Ruleset_RuleMissingFromThePolicy_IsMissingFromTheRouter()
    {
        var aws = AwsGcp.Sites[0];
        var withoutIke = aws with { Rules = aws.Rules.Where(r => r.Name != "ike").ToList() };

        Assert.DoesNotContain(TwinRuleset.For(withoutIke), l => l.Contains("dport { 500, 4500 }", StringComparison.Ordinal));
    }

    [Fact]
    public void Ruleset_HostileRuleName_IsRefused()
    {
        var aws = AwsGcp.Sites[0];
        var hostile = aws with { Rules = [aws.Rules[0] with { Name = "x\"; flush ruleset; \"" }] };

        Assert.Throws<ArgumentException>(() => TwinRuleset.For(hostile));
    }
}

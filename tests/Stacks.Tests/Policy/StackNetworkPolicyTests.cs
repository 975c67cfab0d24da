using System.Net;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Policy;
using Ferry.Stacks.Tests.Pulumi;
using Xunit;

namespace Ferry.Stacks.Tests.Policy;

public class StackNetworkPolicyTests
{
    private static readonly IPAddress AwsGatewayPublic = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress GcpGatewayPublic = IPAddress.Parse("203.0.113.20");

    private static StackNetworkPolicy AwsGcp() => StackNetworkPolicy.For(TestStacks.Load("aws-gcp"));

    private static IPAddress GatewayPublic(string site) => site switch
    {
        "aws" => AwsGatewayPublic,
        "gcp" => GcpGatewayPublic,
        _ => throw new ArgumentException(site, nameof(site)),
    };

    [Fact]
    public void For_AwsGcp_PlacesHostsFromTheTenthAddressInStackOrder()
    {
        var aws = AwsGcp().Site("aws");

        Assert.Equal(["aws-gw 10.10.1.10", "aws-w1 10.10.1.11", "front 10.10.1.12"], aws.Hosts.Select(h => $"{h.Name} {h.PrivateIp}"));
    }

    [Fact]
    public void For_EachSite_RoutesTheOtherSubnetAndTheAppsSubnetToItsOwnGateway()
    {
        var policy = AwsGcp();

        foreach (var site in policy.Sites)
        {
            var other = policy.Sites.Single(s => s != site);
            Assert.Equal(
                [$"{other.Site.Subnet} via {site.Gateway.PrivateIp}", $"10.252.0.0/24 via {site.Gateway.PrivateIp}"],
                site.Routes.Select(r => $"{r.Destination} via {r.NextHop.PrivateIp}"));
            Assert.Same(site.Routes[0], site.RouteTo(other.Site.Subnet.Host(11)));
            Assert.Null(site.RouteTo(site.Site.Subnet.Host(11)));
            Assert.Null(site.RouteTo(IPAddress.Parse("8.8.8.8")));
        }
    }

    [Fact]
    public void ForwardsTraffic_GatewaysAndWorkloadsOnly()
    {
        var hosts = AwsGcp().Sites.SelectMany(s => s.Hosts).ToList();

        Assert.NotEmpty(hosts);
        Assert.All(hosts, h => Assert.Equal(h.Role is HostRole.Gateway or HostRole.Workload, h.ForwardsTraffic));
    }

    [Fact]
    public void AllowsIngress_TunnelledTrafficFromTheOtherSiteAndContainers_ReachesEveryHost()
    {
        var aws = AwsGcp().Site("aws");

        Assert.All(aws.Hosts, h =>
        {
            Assert.True(aws.AllowsIngress(h, IpProtocol.Tcp, 8080, IPAddress.Parse("10.10.2.11"), GatewayPublic), $"{h.Name}: gcp subnet");
            Assert.True(aws.AllowsIngress(h, IpProtocol.Tcp, 6379, IPAddress.Parse("10.252.0.20"), GatewayPublic), $"{h.Name}: container");
            Assert.True(aws.AllowsIngress(h, IpProtocol.Udp, 53, IPAddress.Parse("10.10.1.11"), GatewayPublic), $"{h.Name}: own subnet");
        });
    }

    [Fact]
    public void AllowsIngress_FromTheInternet_OnlySshFromAdminIkeEspFromThePeerGatewayAndHttpToTheFront()
    {
        var aws = AwsGcp().Site("aws");
        var stranger = IPAddress.Parse("192.0.2.99");
        var admin = IPAddress.Parse("198.51.100.7");

        Assert.All(aws.Hosts, h =>
        {
            Assert.True(aws.AllowsIngress(h, IpProtocol.Tcp, 22, admin, GatewayPublic));
            Assert.False(aws.AllowsIngress(h, IpProtocol.Tcp, 22, stranger, GatewayPublic));
            Assert.Equal(h.Role == HostRole.Gateway, aws.AllowsIngress(h, IpProtocol.Udp, 4500, GcpGatewayPublic, GatewayPublic));
            Assert.Equal(h.Role == HostRole.Gateway, aws.AllowsIngress(h, IpProtocol.Esp, null, GcpGatewayPublic, GatewayPublic));
            Assert.False(aws.AllowsIngress(h, IpProtocol.Udp, 4500, stranger, GatewayPublic));
            Assert.False(aws.AllowsIngress(h, IpProtocol.Udp, 4500, AwsGatewayPublic, GatewayPublic));
            Assert.Equal(h.Role == HostRole.Front, aws.AllowsIngress(h, IpProtocol.Tcp, 80, stranger, GatewayPublic));
            Assert.False(aws.AllowsIngress(h, IpProtocol.Tcp, 8080, stranger, GatewayPublic));
        });
    }

    [Fact]
    public void AllowsEgress_AnythingAnywhere()
    {
        var gcp = AwsGcp().Site("gcp");

        Assert.All(gcp.Hosts, h => Assert.True(gcp.AllowsEgress(h, IpProtocol.Tcp, 443, IPAddress.Parse("151.101.2.132"), GatewayPublic)));
    }

    [Theory]
    [InlineData("aws", 9001, 1500)]
    [InlineData("gcp", 1460, 1460)]
    [InlineData("azure", 1500, 1500)]
    public void CloudNetwork_Mtu_PerCloud(string cloud, int host, int internet)
    {
        var network = CloudNetwork.For(cloud);

        Assert.Equal((host, internet), (network.HostMtu, network.InternetMtu));
    }

    [Fact]
    public void For_SiteWithoutTheFront_HasNoHttpRule()
    {
        var gcp = AwsGcp().Site("gcp");

        Assert.DoesNotContain(gcp.Rules, r => r.Name == "http");
        Assert.Equal(CloudNetwork.Gcp, gcp.Network);
    }

    [Theory]
    [InlineData("198.51.100.7/32", "198.51.100.7", true)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    public void AddressRange_Contains(string range, string address, bool expected) =>
        Assert.Equal(expected, AddressRange.Parse(range).Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("nonsense")]
    public void AddressRange_Parse_RefusesWhatIsNotARange(string text) =>
        Assert.Throws<FormatException>(() => AddressRange.Parse(text));

    [Fact]
    public void AllowsIngress_FrontPortsFromTheStackFile_ReachOnlyTheFront()
    {
        var aws = AwsGcp().Site("aws");
        var stranger = IPAddress.Parse("192.0.2.99");

        Assert.All(aws.Hosts, h => Assert.Equal(h.Role == HostRole.Front, aws.AllowsIngress(h, IpProtocol.Tcp, 6379, stranger, GatewayPublic)));
    }

    [Fact]
    public void For_FrontWithoutPorts_OpensHttpOnly()
    {
        var stack = TestStacks.SameCloud("aws");
        var east = StackNetworkPolicy.For(stack).Site("east");

        Assert.Equal([80], east.Rules.Single(r => r.Name == "front").Ports);
    }
}

using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using Ferry.Stacks.Policy;
using static Ferry.Stacks.Pulumi.PulumiValue;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// A site on AWS: VPC, one subnet, a route table with the default route to the internet gateway and the
/// policy's routes to the gateway's network interface, security groups per role, a key pair, Debian 13
/// instances, and Elastic IPs for the gateway and the front.
/// </summary>
public sealed class AwsRenderer : ICloudRenderer
{
    /// <summary>Debian's own AWS account, which publishes the official Debian AMIs.</summary>
    public const string DebianOwner = "136693071363";
    public const string DebianImageName = "debian-13-amd64-*";
    public const string DefaultSize = "t3.medium";

    public string Cloud => "aws";

    public PulumiValue GatewayPublicIp(SiteDefinition site) => Ref(PulumiNames.Of(site.Gateway.Name, "eip"), "publicIp");

    public SiteProgram Render(SiteRenderContext c)
    {
        var provider = new PulumiResource(c.Name("provider"), "pulumi:providers:aws",
            Map(("region", c.Site.Region!)), new PulumiResourceOptions(null, ProviderVersions.Aws));
        var res = new SiteResourceList(provider.Ref(), ProviderVersions.Aws);

        var ami = new PulumiVariable(c.Name("ami"), new PulumiBuiltin("fn::invoke", Map(
            ("function", "aws:ec2:getAmi"),
            ("arguments", Map(
                ("owners", Strings([DebianOwner])),
                ("mostRecent", true),
                ("filters", List(
                    Map(("name", "name"), ("values", Strings([DebianImageName]))),
                    Map(("name", "architecture"), ("values", Strings(["x86_64"]))))))),
            ("options", Map(("provider", provider.Ref()), ("version", ProviderVersions.Aws))),
            ("return", "id"))));

        var vpc = res.Add(c.Name("vpc"), "aws:ec2:Vpc", Map(
            ("cidrBlock", c.Site.Subnet.ToString()),
            ("enableDnsSupport", true),
            ("enableDnsHostnames", true),
            ("tags", c.Tags(c.Site.Name))));
        var subnet = res.Add(c.Name("subnet"), "aws:ec2:Subnet", Map(
            ("vpcId", vpc.Ref("id")),
            ("cidrBlock", c.Site.Subnet.ToString()),
            ("availabilityZone", c.Site.Zone is null ? null : Str(c.Site.Zone)),
            ("mapPublicIpOnLaunch", false),
            ("tags", c.Tags(c.Site.Name))));
        var igw = res.Add(c.Name("igw"), "aws:ec2:InternetGateway", Map(("vpcId", vpc.Ref("id")), ("tags", c.Tags(c.Site.Name))));
        var routes = res.Add(c.Name("routes"), "aws:ec2:RouteTable", Map(("vpcId", vpc.Ref("id")), ("tags", c.Tags(c.Site.Name))));
        res.Add(c.Name("default-route"), "aws:ec2:Route", Map(
            ("routeTableId", routes.Ref("id")),
            ("destinationCidrBlock", AddressRange.Anywhere.ToString()),
            ("gatewayId", igw.Ref("id"))));
        res.Add(c.Name("routes-assoc"), "aws:ec2:RouteTableAssociation", Map(
            ("subnetId", subnet.Ref("id")),
            ("routeTableId", routes.Ref("id"))));

        var hostsSg = res.Add(c.Name("hosts-sg"), "aws:ec2:SecurityGroup", Map(
            ("vpcId", vpc.Ref("id")),
            ("description", $"Ferry {c.Site.Name}: every host"),
            ("ingress", Rules(c, c.Policy.Ingress.Where(r => r.Target is null))),
            ("egress", Rules(c, c.Policy.Egress.Where(r => r.Target is null))),
            ("tags", c.Tags(c.Name("hosts-sg")))));
        var roleSgs = new Dictionary<HostRole, PulumiResource>();
        foreach (var role in c.Policy.Rules.Where(r => r.Target is not null).Select(r => r.Target!.Value).Distinct())
        {
            var roleName = role.ToString().ToLowerInvariant();
            var egress = c.Policy.Egress.Where(r => r.Target == role).ToList();
            roleSgs[role] = res.Add(c.Name($"{roleName}-sg"), "aws:ec2:SecurityGroup", Map(
                ("vpcId", vpc.Ref("id")),
                ("description", $"Ferry {c.Site.Name}: {roleName} only"),
                ("ingress", Rules(c, c.Policy.Ingress.Where(r => r.Target == role))),
                ("egress", egress.Count == 0 ? null : Rules(c, egress)),
                ("tags", c.Tags(c.Name($"{roleName}-sg")))));
        }

        var key = res.Add(c.Name("key"), "aws:ec2:KeyPair", Map(
            ("publicKey", Ref(PulumiStack.SshPublicKeyConfig)),
            ("tags", c.Tags(c.Name("key")))));

        var endpoints = new List<HostEndpoints>();
        var instances = new Dictionary<string, PulumiResource>();
        foreach (var host in c.Hosts)
        {
            var hasEip = host.HasStaticPublicAddress;
            var groups = new List<PulumiValue> { hostsSg.Ref("id") };
            if (roleSgs.TryGetValue(host.Role, out var roleSg))
            {
                groups.Add(roleSg.Ref("id"));
            }

            var instance = res.Add(SiteRenderContext.HostName(host, "vm"), "aws:ec2:Instance", Map(
                ("ami", ami.Ref()),
                ("instanceType", host.Size(DefaultSize)),
                ("subnetId", subnet.Ref("id")),
                ("privateIp", host.PrivateIp.ToString()),
                // First boot installs packages, so every host needs an address at once; an EIP replaces it when attached.
                ("associatePublicIpAddress", true),
                ("vpcSecurityGroupIds", new PulumiList(groups)),
                ("keyName", key.Ref("keyName")),
                ("sourceDestCheck", host.ForwardsTraffic ? Bool(false) : null),
                ("metadataOptions", Map(("httpTokens", "required"))),
                ("rootBlockDevice", Map(("volumeSize", 20), ("volumeType", "gp3"), ("encrypted", true))),
                ("userData", c.Templates.UserData(host, c.Stack.Admin.User)),
                ("userDataReplaceOnChange", true),
                ("tags", c.Tags(host.Name, host.RoleName))));

            PulumiValue publicIp = instance.Ref("publicIp");
            if (hasEip)
            {
                var eip = res.Add(SiteRenderContext.HostName(host, "eip"), "aws:ec2:Eip", Map(
                    ("domain", "vpc"),
                    ("tags", c.Tags(SiteRenderContext.HostName(host, "eip"), host.RoleName))));
                res.Add(SiteRenderContext.HostName(host, "eip-assoc"), "aws:ec2:EipAssociation", Map(
                    ("allocationId", eip.Ref("allocationId")),
                    ("instanceId", instance.Ref("id"))));
                publicIp = eip.Ref("publicIp");
            }

            endpoints.Add(new HostEndpoints(host, publicIp, instance.Ref("privateIp")));
            instances[host.Name] = instance;
        }

        foreach (var route in c.Policy.Routes)
        {
            res.Add(c.Name($"route-{route.Name}"), "aws:ec2:Route", Map(
                ("routeTableId", routes.Ref("id")),
                ("destinationCidrBlock", route.Destination.ToString()),
                ("networkInterfaceId", instances[route.NextHop.Name].Ref("primaryNetworkInterfaceId"))));
        }

        return new SiteProgram([ami], [provider, .. res.Resources], endpoints);
    }

    private static PulumiList Rules(SiteRenderContext c, IEnumerable<NetworkRule> rules) => new(rules.SelectMany(r => Rule(c, r)).ToList());

    private static IEnumerable<PulumiValue> Rule(SiteRenderContext c, NetworkRule rule)
    {
        var peers = c.Addresses(rule.Peers);
        var description = rule.Description;
        return rule.Protocol switch
        {
            IpProtocol.All => [Map(("description", description), ("protocol", "-1"), ("fromPort", 0), ("toPort", 0), ("cidrBlocks", peers))],
            // AWS takes port-less protocols by number; ESP is IP protocol 50.
            IpProtocol.Esp => [Map(("description", description), ("protocol", "50"), ("fromPort", 0), ("toPort", 0), ("cidrBlocks", peers))],
            _ => rule.Ports.Select(port => (PulumiValue)Map(
                ("description", description),
                ("protocol", rule.Protocol == IpProtocol.Tcp ? "tcp" : "udp"),
                ("fromPort", port),
                ("toPort", port),
                ("cidrBlocks", peers))),
        };
    }
}

using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using Ferry.Stacks.Pulumi;

namespace Ferry.Stacks.Twin;

/// <summary>
/// What a twin's VPC routers enforce, read from the same policy the Pulumi renderers render, with the
/// peers' static addresses made concrete. The operator's address on the twin's internet segment stands in
/// for <c>admin.sshCidr</c>.
/// </summary>
public static class TwinPolicy
{
    /// <summary>GCP's VPC networks default to MTU 1460; AWS and Azure to 1500 (jumbo frames inside AWS are not emulated).</summary>
    public static int Mtu(string cloud) => cloud == "gcp" ? 1460 : 1500;

    /// <summary>
    /// Whether the cloud lets a host forward traffic that is not its own (AWS source/destination check off,
    /// GCP canIpForward, Azure enableIPForwarding): gateways route between sites, workloads route to the
    /// containers they run.
    /// </summary>
    public static bool Forwards(HostRole role) => role is HostRole.Gateway or HostRole.Workload;

    public static IReadOnlyList<TwinRule> Rules(StackDefinition stack, SiteDefinition site, IReadOnlyList<PlacedHost> hosts, IReadOnlyList<string> peerGatewayIps, string operatorCidr)
    {
        var twinStack = stack with { Admin = stack.Admin with { SshCidr = operatorCidr } };
        var rules = AccessPolicy.For(twinStack, site, peerGatewayIps.Select(PulumiValue.Str).ToList(), hosts.Any(h => h.Role == HostRole.Front));
        return rules.Select(r => new TwinRule(
            r.Name,
            r.Protocol.ToString().ToLowerInvariant(),
            r.Ports,
            r.Sources.Select(Concrete).ToList(),
            hosts.Where(h => r.AppliesTo(h.Role)).Select(h => h.PrivateIp.ToString()).ToList())).ToList();
    }

    /// <summary>The site's route table: the other sites' subnets and the apps subnet go to the site's gateway.</summary>
    public static IReadOnlyList<TwinRoute> Routes(StackDefinition stack, SiteDefinition site, IReadOnlyList<PlacedHost> hosts)
    {
        var gateway = hosts.Single(h => h.Role == HostRole.Gateway).PrivateIp.ToString();
        return stack.Sites.Where(s => s != site).Select(s => new TwinRoute(s.Subnet.ToString(), gateway))
            .Append(new TwinRoute(stack.Network.Apps.ToString(), gateway))
            .ToList();
    }

    private static string Concrete(PulumiValue value) => value switch
    {
        PulumiString s => s.Value,
        PulumiInterpolation i => string.Concat(i.Parts.Select(Concrete)),
        _ => throw new InvalidOperationException($"the twin needs concrete addresses in access rules, got {value}"),
    };
}

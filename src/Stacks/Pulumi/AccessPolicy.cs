using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Least exposure, decided once for every cloud: SSH only from the admin range, IKE and ESP only from the
/// peer gateways' static addresses and only to the gateway, HTTP only to the front, and anything inside the
/// site's own subnet. Nothing else is allowed in.
/// </summary>
public static class AccessPolicy
{
    public const string Anywhere = "0.0.0.0/0";

    public static IReadOnlyList<AccessRule> For(StackDefinition stack, SiteDefinition site, IReadOnlyList<PulumiValue> peerGatewayIps, bool hostsFront)
    {
        var peers = peerGatewayIps.Select(ip => PulumiValue.Interpolate(ip, "/32")).ToList();
        var rules = new List<AccessRule>
        {
            new("ssh", "SSH from the operators' range only", IpProtocol.Tcp, [22], [stack.Admin.SshCidr], null),
            new("internal", "Anything from the site's own subnet", IpProtocol.All, [], [site.Subnet.ToString()], null),
            new("ike", "IKE and NAT-T from the peer gateways only", IpProtocol.Udp, [500, 4500], peers, HostRole.Gateway),
            new("esp", "ESP from the peer gateways only", IpProtocol.Esp, [], peers, HostRole.Gateway),
        };
        if (hostsFront)
        {
            rules.Add(new("http", "HTTP to the front, the public face of the application", IpProtocol.Tcp, [80], [Anywhere], HostRole.Front));
        }

        return rules;
    }
}

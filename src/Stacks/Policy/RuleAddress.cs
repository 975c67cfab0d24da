using System.Net;

namespace Ferry.Stacks.Policy;

/// <summary>
/// The other end of a rule: a fixed range, or another site's gateway by its static public address, which
/// only exists once that site is deployed (a reference in the Pulumi program, the NAT address on the twin).
/// </summary>
public abstract record RuleAddress
{
    public static RuleAddress Anywhere { get; } = new Range(AddressRange.Anywhere);

    /// <summary>Whether <paramref name="address"/> is in this range; <paramref name="gatewayPublicIp"/> resolves a site's gateway.</summary>
    public abstract bool Contains(IPAddress address, Func<string, IPAddress> gatewayPublicIp);

    /// <summary>A fixed range, e.g. the admin's /32, a subnet, or 0.0.0.0/0.</summary>
    public sealed record Range(AddressRange Addresses) : RuleAddress
    {
        public override bool Contains(IPAddress address, Func<string, IPAddress> gatewayPublicIp) => Addresses.Contains(address);

        public override string ToString() => Addresses.ToString();
    }

    /// <summary>The static public address (as a /32) of the gateway of site <paramref name="Site"/>.</summary>
    public sealed record GatewayOf(string Site) : RuleAddress
    {
        public override bool Contains(IPAddress address, Func<string, IPAddress> gatewayPublicIp) => gatewayPublicIp(Site).Equals(address);

        public override string ToString() => $"gateway of {Site}";
    }
}

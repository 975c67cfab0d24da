using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using Ferry.Stacks.Policy;

namespace Ferry.Stacks.Pulumi;

/// <summary>What a cloud renderer needs to render one site.</summary>
/// <param name="Stack">The whole stack (admin settings, names).</param>
/// <param name="Policy">The site's hosts, firewall rules and routes (see <see cref="StackNetworkPolicy"/>).</param>
/// <param name="GatewayPublicIp">Another site's gateway static public address, as a reference into the program.</param>
/// <param name="Templates">First-boot templates.</param>
public sealed record SiteRenderContext(
    StackDefinition Stack,
    SiteNetworkPolicy Policy,
    Func<string, PulumiValue> GatewayPublicIp,
    CloudInitTemplates Templates)
{
    public SiteDefinition Site => Policy.Site;

    public IReadOnlyList<PlacedHost> Hosts => Policy.Hosts;

    /// <summary>A logical name of the site: the site's name, camelCased, with <paramref name="suffix"/>.</summary>
    public string Name(string suffix) => PulumiNames.Of(Site.Name, suffix);

    public static string HostName(PlacedHost host, string suffix) => PulumiNames.Of(host.Name, suffix);

    public IReadOnlyList<NetworkRule> RulesFor(HostRole role, TrafficDirection direction) => Policy.RulesFor(role, direction);

    /// <summary>A rule's peer as the program writes it: a range as text, another site's gateway as its address /32.</summary>
    public PulumiValue Address(RuleAddress address) => address switch
    {
        RuleAddress.Range range => PulumiValue.Str(range.Addresses.ToString()),
        RuleAddress.GatewayOf gateway => PulumiValue.Interpolate(GatewayPublicIp(gateway.Site), "/32"),
        _ => throw new ArgumentOutOfRangeException(nameof(address), address, "unknown rule address"),
    };

    public PulumiList Addresses(IEnumerable<RuleAddress> addresses) => new(addresses.Select(Address).ToList());

    public PulumiMap Tags(string name, string? role = null) => PulumiValue.Map(
        ("Name", name),
        ("ferry-stack", Stack.Name),
        ("ferry-site", Site.Name),
        ("ferry-role", role is null ? null : PulumiValue.Str(role)));
}

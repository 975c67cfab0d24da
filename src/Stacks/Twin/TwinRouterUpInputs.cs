using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Twin;

/// <summary>One site's VPC router: its legs, public addresses, route table and nftables ruleset.</summary>
public sealed record TwinRouterUpInputs(
    string Netns, string FabricNs, string SiteBridge, string InternetBridge, string LanVeth, string WanVeth,
    string LanAddress, string WanAddress, int Mtu, int InternetMtu, IReadOnlyList<string> PublicIps,
    IReadOnlyList<string> RouteDestinations, IReadOnlyList<string> RouteNextHops, IReadOnlyList<string> Ruleset) : ITemplateInputs
{
    public static string Template => "twin/router-up.sh";
}

namespace Ferry.Stacks.Twin;

/// <summary>One site of a twin: its bridge, its VPC router (1:1 NAT, rules, routes) and its hosts.</summary>
/// <param name="Name">Site name.</param>
/// <param name="Cloud">aws, gcp or azure.</param>
/// <param name="Subnet">The site's private subnet.</param>
/// <param name="Bridge">The site's bridge in the fabric namespace.</param>
/// <param name="RouterNamespace">The VPC router's network namespace.</param>
/// <param name="RouterLan">The router's address in the subnet, with prefix length (every host's default gateway).</param>
/// <param name="RouterWan">The router's own address on the internet segment, with prefix length.</param>
/// <param name="LanVeth">The fabric side of the router's link to the site bridge.</param>
/// <param name="WanVeth">The fabric side of the router's link to the internet segment.</param>
/// <param name="Mtu">The MTU of the hosts' interfaces in the site's network (GCP 1460, AWS 9001, Azure 1500).</param>
/// <param name="InternetMtu">The largest packet that leaves the site's network to the internet.</param>
/// <param name="Hosts">The hosts placed in the site.</param>
/// <param name="Rules">What the router lets in from the internet segment; everything else is denied.</param>
/// <param name="EgressRules">What the router lets out of the site; everything else is denied.</param>
/// <param name="Routes">The site's route table beyond its own subnet.</param>
public sealed record TwinSitePlan(
    string Name,
    string Cloud,
    string Subnet,
    string Bridge,
    string RouterNamespace,
    string RouterLan,
    string RouterWan,
    string LanVeth,
    string WanVeth,
    int Mtu,
    int InternetMtu,
    IReadOnlyList<TwinHostPlan> Hosts,
    IReadOnlyList<TwinRule> Rules,
    IReadOnlyList<TwinRule> EgressRules,
    IReadOnlyList<TwinRoute> Routes);

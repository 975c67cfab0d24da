namespace Ferry.Stacks.Policy;

/// <summary>
/// How a cloud's virtual network treats a host, where it matters to Ferry. Every cloud here denies any
/// inbound flow no rule allows and drops forwarded packets unless the host's forwarding flag is set
/// (<see cref="PlacedHost.ForwardsTraffic"/>); their firewalls are stateful (answers to allowed flows pass).
/// </summary>
/// <param name="Cloud">aws, gcp or azure.</param>
/// <param name="HostMtu">The MTU of a host's interface inside the virtual network.</param>
/// <param name="InternetMtu">The largest packet that leaves the virtual network to the internet (the tunnel's outer packets).</param>
/// <param name="ImpliedDeny">How the cloud comes to deny what no rule allows.</param>
/// <param name="ForwardingFlag">The setting that lifts the source/destination check, as the provider names it.</param>
public sealed record CloudNetwork(string Cloud, int HostMtu, int InternetMtu, string ImpliedDeny, string ForwardingFlag)
{
    public static CloudNetwork Aws { get; } = new("aws", 9001, 1500,
        "security groups allow only their rules", "sourceDestCheck: false");

    public static CloudNetwork Gcp { get; } = new("gcp", 1460, 1460,
        "the implied deny-ingress rule at priority 65535", "canIpForward: true");

    /// <summary>Azure's default rules let the virtual network and the load balancer in, so Ferry renders a deny-all rule of its own.</summary>
    public static CloudNetwork Azure { get; } = new("azure", 1500, 1500,
        "an explicit deny-all-inbound rule after Ferry's own (the defaults allow the whole virtual network)", "enableIPForwarding: true");

    public static CloudNetwork For(string cloud) => cloud switch
    {
        "aws" => Aws,
        "gcp" => Gcp,
        "azure" => Azure,
        _ => throw new ArgumentException($"no cloud named '{cloud}' (aws, gcp, azure)", nameof(cloud)),
    };
}

using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Twin;

/// <summary>One host of a twin: a namespace host with only its private address, first booted by cloud-init.</summary>
/// <param name="Name">Host name.</param>
/// <param name="Role">What the host is for.</param>
/// <param name="Site">The site it is placed in.</param>
/// <param name="Namespace">Its network namespace.</param>
/// <param name="PrivateIp">Its only address, in the site's subnet (the same as in the Pulumi program).</param>
/// <param name="PublicIp">The address the site's VPC router maps 1:1 onto it on the internet segment.</param>
/// <param name="Veth">The fabric side of its link to the site's bridge.</param>
/// <param name="Forwarding">Whether the cloud lets it forward (source/destination check off).</param>
/// <param name="UserData">The exact cloud-config rendered for its cloud.</param>
public sealed record TwinHostPlan(
    string Name,
    HostRole Role,
    string Site,
    string Namespace,
    string PrivateIp,
    string PublicIp,
    string Veth,
    bool Forwarding,
    string UserData);

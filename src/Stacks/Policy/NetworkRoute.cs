using Ferry.Provisioning.Network;

namespace Ferry.Stacks.Policy;

/// <summary>
/// A route in a site's cloud route table: traffic to <paramref name="Destination"/> goes to the host <paramref name="NextHop"/>.
/// The clouds route by destination address only (there is no layer 2 to aim at a host), for every host of
/// the subnet, the gateway included: a packet the gateway sends to a container on a workload of its own
/// site would follow the apps route back to the gateway, so that hop needs encapsulation between private
/// addresses (or a per-container route), not a plain next hop.
/// </summary>
/// <param name="Name">Short kebab-case name, used in the clouds' route names.</param>
/// <param name="Description">Why the route exists.</param>
/// <param name="Destination">Another site's subnet, or the apps subnet.</param>
/// <param name="NextHop">The site's own gateway, which carries the traffic through the tunnel (it must forward: <see cref="PlacedHost.ForwardsTraffic"/>).</param>
public sealed record NetworkRoute(string Name, string Description, Cidr Destination, PlacedHost NextHop);

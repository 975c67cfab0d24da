using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;

namespace Ferry.MigrationSteps.Apps;

/// <summary>
/// Routing follows the container: for an address served by one host, the route every other router
/// (gateways, front, client) needs. A router in the host's own site sends it to the host; a router on the
/// internet segment (the local cloud's front and client) to the host's site gateway's public address; the
/// gateway of another site to that gateway too, or through the tunnel where it is not on its link (clouds);
/// any other router inside another site to its own site's gateway.
/// </summary>
public static class RoutePlan
{
    public static IReadOnlyDictionary<string, IReadOnlyList<RouteInput>> For(HostInventory inventory, string location, IReadOnlyList<string> addresses)
    {
        var host = inventory.Host(location);
        var gateway = GatewayOf(inventory, host.Site, location);
        var routes = new Dictionary<string, IReadOnlyList<RouteInput>>();
        foreach (var router in inventory.Hosts.Where(h => h.Role is HostRole.Gateway or HostRole.Front or HostRole.Client))
        {
            var farGateway = gateway.PublicIp ?? throw new AppException($"gateway {gateway.Name} has no public address in the inventory");
            routes[router.Name] = addresses.Select(a =>
                router.Site == host.Site ? new RouteInput(a, host.PrivateIp)
                : router.Site.Length == 0 ? new RouteInput(a, farGateway)
                : router.Role == HostRole.Gateway ? new RouteInput(a, farGateway, Tunnel: true)
                : new RouteInput(a, GatewayOf(inventory, router.Site, router.Name).PrivateIp)).ToList();
        }

        return routes;
    }

    private static InventoryHost GatewayOf(HostInventory inventory, string site, string host) =>
        inventory.Hosts.FirstOrDefault(h => h.Role == HostRole.Gateway && h.Site == site)
        ?? throw new AppException($"site '{site}' of host {host} has no gateway in the inventory");
}

using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;

namespace Ferry.MigrationSteps.Apps;

/// <summary>
/// Routing follows the container: for an address served by one host, the route every other router
/// (gateways, front, client) needs. The host's own site gateway sends it to the host; everybody else
/// sends it to that gateway over the internet segment.
/// </summary>
public static class RoutePlan
{
    public static IReadOnlyDictionary<string, IReadOnlyList<RouteInput>> For(HostInventory inventory, string location, IReadOnlyList<string> addresses)
    {
        var host = inventory.Host(location);
        var gateway = inventory.Hosts.FirstOrDefault(h => h.Role == HostRole.Gateway && h.Site == host.Site)
            ?? throw new AppException($"site '{host.Site}' of host {location} has no gateway in the inventory");
        var routes = new Dictionary<string, IReadOnlyList<RouteInput>>();
        foreach (var router in inventory.Hosts.Where(h => h.Role is HostRole.Gateway or HostRole.Front or HostRole.Client))
        {
            var via = router.Name == gateway.Name
                ? host.PrivateIp
                : gateway.PublicIp ?? throw new AppException($"gateway {gateway.Name} has no public address in the inventory");
            routes[router.Name] = addresses.Select(a => new RouteInput(a, via)).ToList();
        }

        return routes;
    }
}

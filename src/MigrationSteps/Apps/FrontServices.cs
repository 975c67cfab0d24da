using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;

namespace Ferry.MigrationSteps.Apps;

/// <summary>The front services an application's containers publish.</summary>
public static class FrontServices
{
    public static IReadOnlyList<FrontService> For(AppDefinition app, HostInventory inventory)
    {
        var front = inventory.WithRole(HostRole.Front).FirstOrDefault();
        if (front is null)
        {
            return [];
        }

        return app.Containers.Where(c => c.Front is not null).Select(c => new FrontService(
            $"{app.Name}_{c.Name}".Replace('-', '_'), c.Front!.Mode, front.PrivateIp, c.Front.Port, c.Address, c.Ports[0], c.Front.Maxconn ?? FrontService.DefaultMaxconn)).ToList();
    }
}

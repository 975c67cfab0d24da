using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Files;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Deploys, inspects and removes applications on inventory hosts, and points the routers at them.</summary>
public sealed class AppDeployer(RemoteContext remote, HostInventory inventory, string stackDirectory)
{
    private static readonly ScriptTask<DeployInputs> Deploy = new(Timeouts.Deploy);
    private static readonly ScriptTask<RemoveInputs> Remove = new(Timeouts.Deploy);
    private static readonly ScriptTask<RouteInputs> Route = new(Timeouts.Configure);
    private static readonly ScriptTask<UnrouteInputs> Unroute = new(Timeouts.Configure);
    private static readonly ScriptTask<StatusInputs> Status = new(Timeouts.Query);
    private static readonly ScriptTask<LoadInputs> Load = new(Timeouts.Load);
    private readonly ContainerInputsFactory _inputs = new(remote.Templates, inventory);

    public async Task<AppPlacement> DeployAsync(AppDefinition app, string hostName, int dataMb = 0, CancellationToken cancellationToken = default)
    {
        var host = inventory.Host(hostName);
        if (host.Role != HostRole.Workload)
        {
            throw new AppException($"host {hostName} is a {host.Role.ToString().ToLowerInvariant()}; deploy applications on a workload host ({string.Join(", ", inventory.WithRole(HostRole.Workload).Select(h => h.Name))})");
        }

        var placed = AppPlacement.Load(stackDirectory, app.Name);
        if (placed is not null && placed.Host != hostName)
        {
            throw new AppException($"application {app.Name} already runs on {placed.Host}; migrate it with 'ferry migrate {app.Name} --from {placed.Host} --to {hostName}' or remove it first");
        }

        foreach (var other in AppPlacement.All(stackDirectory).Where(p => p.App != app.Name))
        {
            var otherApp = TryLoadSibling(other.App);
            var clash = otherApp?.Containers.Select(c => c.Address).Intersect(app.Containers.Select(c => c.Address)).FirstOrDefault();
            if (clash is not null)
            {
                throw new AppException($"address {clash} of {app.Name} is already used by application {other.App}");
            }
        }

        var containers = _inputs.For(app, hostName);
        await Deploy.RunAsync(remote, host, new DeployInputs(containers), cancellationToken: cancellationToken);
        await SetRoutesAsync(app, hostName, cancellationToken);
        var placement = new AppPlacement(app.Name, hostName, DateTimeOffset.UtcNow);
        placement.Save(stackDirectory);
        await ApplyFrontAsync(cancellationToken);
        if (dataMb > 0)
        {
            await LoadAsync(app, hostName, dataMb, cancellationToken);
        }

        return placement;
    }

    public async Task LoadAsync(AppDefinition app, string hostName, int dataMb, CancellationToken cancellationToken = default)
    {
        if (app.Load is null)
        {
            throw new AppException($"application {app.Name} has no 'load' command; --data-mb applies only to applications that define one (such as redis)");
        }

        await Load.RunAsync(remote, inventory.Host(hostName), new LoadInputs(app.Containers[0].Address, dataMb, app.Load), cancellationToken: cancellationToken);
    }

    public async Task RemoveAsync(AppDefinition app, CancellationToken cancellationToken = default)
    {
        var placed = AppPlacement.Load(stackDirectory, app.Name) ?? throw new AppException($"application {app.Name} is not deployed on stack '{inventory.Stack}'");
        await Remove.RunAsync(remote, inventory.Host(placed.Host), new RemoveInputs(_inputs.For(app, placed.Host)), cancellationToken: cancellationToken);
        AppPlacement.Delete(stackDirectory, app.Name);
        await ApplyFrontAsync(cancellationToken);
        var addresses = new UnrouteInputs(app.Containers.Select(c => c.Address).ToList());
        await Task.WhenAll(RoutePlan.For(inventory, placed.Host, addresses.Addresses).Keys
            .Select(router => Unroute.RunAsync(remote, inventory.Host(router), addresses, cancellationToken: cancellationToken)));
    }

    /// <summary>Publishes every deployed application's front services on the front host.</summary>
    public async Task ApplyFrontAsync(CancellationToken cancellationToken = default)
    {
        var front = inventory.WithRole(HostRole.Front).FirstOrDefault();
        if (front is null)
        {
            return;
        }

        var services = AppPlacement.All(stackDirectory)
            .Select(p => TryLoadSibling(p.App))
            .OfType<AppDefinition>()
            .SelectMany(a => FrontServices.For(a, inventory))
            .ToList();
        await FrontDoor.ApplyAsync(remote, front, services, cancellationToken);
    }

    /// <summary>Each container's runc status on the host the placement names (absent when it is not there).</summary>
    public async Task<IReadOnlyDictionary<string, string>> StatusAsync(AppDefinition app, string hostName, CancellationToken cancellationToken = default)
    {
        var ids = _inputs.For(app, hostName).Select(c => c.Id).ToList();
        var output = await Status.RunAsync(remote, inventory.Host(hostName), new StatusInputs(ids), cancellationToken: cancellationToken);
        return output.WithPrefix(OutputKeys.Container);
    }

    public async Task SetRoutesAsync(AppDefinition app, string location, CancellationToken cancellationToken)
    {
        var routes = RoutePlan.For(inventory, location, app.Containers.Select(c => c.Address).ToList());
        await Task.WhenAll(routes.Select(r => Route.RunAsync(remote, inventory.Host(r.Key), new RouteInputs(r.Value), cancellationToken: cancellationToken)));
    }

    private AppDefinition? TryLoadSibling(string name)
    {
        try
        {
            return AppFile.Load(AppsDirectory, name);
        }
        catch (YamlFileException)
        {
            return null;
        }
    }

    /// <summary>Where application files are looked up for address clashes (set by the caller).</summary>
    public string AppsDirectory { get; init; } = "stacks/apps";
}

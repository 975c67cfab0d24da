using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Deploys, inspects and removes applications on inventory hosts, and points the routers at them.</summary>
public sealed class AppDeployer(IRemoteShell shell, TemplateRenderer templates, HostInventory inventory, string stackDirectory)
{
    private readonly ContainerInputsFactory _inputs = new(templates, inventory);

    public async Task<AppPlacement> DeployAsync(AppDefinition app, string hostName, int dataMb = 0, CancellationToken cancellationToken = default)
    {
        var host = inventory.Host(hostName);
        if (host.Role != "workload")
        {
            throw new AppException($"host {hostName} is a {host.Role}; deploy applications on a workload host ({string.Join(", ", inventory.WithRole("workload").Select(h => h.Name))})");
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
        await RunAsync(host, "apps/deploy.sh", Inputs(containers), cancellationToken);
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

    public async Task<CommandResult> LoadAsync(AppDefinition app, string hostName, int dataMb, CancellationToken cancellationToken = default)
    {
        if (app.Load is null)
        {
            throw new AppException($"application {app.Name} has no 'load' command; --data-mb applies only to applications that define one (such as redis)");
        }

        var script = templates.Render("apps/load.sh", new { Address = app.Containers[0].Address, DataMb = dataMb, Command = app.Load });
        var result = await shell.RunScriptAsync(inventory.Host(hostName), script, timeout: TimeSpan.FromMinutes(30), cancellationToken: cancellationToken);
        return result.Succeeded ? result : throw new AppException($"loading {dataMb} MiB into {app.Name} on {hostName} failed (exit {result.ExitCode}): {result.Tail(5)}");
    }

    public async Task RemoveAsync(AppDefinition app, CancellationToken cancellationToken = default)
    {
        var placed = AppPlacement.Load(stackDirectory, app.Name) ?? throw new AppException($"application {app.Name} is not deployed on stack '{inventory.Stack}'");
        await RunAsync(inventory.Host(placed.Host), "apps/remove.sh", Inputs(_inputs.For(app, placed.Host)), cancellationToken);
        AppPlacement.Delete(stackDirectory, app.Name);
        await ApplyFrontAsync(cancellationToken);
    }

    /// <summary>Publishes every deployed application's front services on the front host.</summary>
    public async Task ApplyFrontAsync(CancellationToken cancellationToken = default)
    {
        var front = inventory.WithRole("front").FirstOrDefault();
        if (front is null)
        {
            return;
        }

        var services = AppPlacement.All(stackDirectory)
            .Select(p => TryLoadSibling(p.App))
            .OfType<AppDefinition>()
            .SelectMany(a => FrontServices.For(a, inventory))
            .ToList();
        await FrontDoor.ApplyAsync(front, shell, templates, services, cancellationToken);
    }

    /// <summary>Each container's runc status on the host the placement names (absent when it is not there).</summary>
    public async Task<IReadOnlyDictionary<string, string>> StatusAsync(AppDefinition app, string hostName, CancellationToken cancellationToken = default)
    {
        var ids = _inputs.For(app, hostName).Select(c => c.Id).ToList();
        var result = await shell.RunScriptAsync(inventory.Host(hostName), templates.Render("apps/status.sh", new { Ids = ids }), cancellationToken: cancellationToken);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1]);
    }

    public async Task SetRoutesAsync(AppDefinition app, string location, CancellationToken cancellationToken)
    {
        var routes = RoutePlan.For(inventory, location, app.Containers.Select(c => c.Address).ToList());
        await Task.WhenAll(routes.Select(r => RunAsync(inventory.Host(r.Key), "apps/route.sh", new { Routes = r.Value }, cancellationToken)));
    }

    private AppDefinition? TryLoadSibling(string name)
    {
        try
        {
            return AppFile.Load(AppsDirectory, name);
        }
        catch (Ferry.Stacks.Files.StackFileException)
        {
            return null;
        }
    }

    /// <summary>Where application files are looked up for address clashes (set by the caller).</summary>
    public string AppsDirectory { get; init; } = "stacks/apps";

    private static object Inputs(IReadOnlyList<ContainerInputs> containers) => new { Containers = containers };

    private async Task RunAsync(InventoryHost host, string template, object model, CancellationToken cancellationToken)
    {
        var result = await shell.RunScriptAsync(host, templates.Render(template, model), timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new AppException($"{template} on {host.Name} failed (exit {result.ExitCode}): {result.Tail(8)}");
        }
    }
}

using Ferry.MigrationSteps.Apps;
using Ferry.Provisioning.Inventory;

namespace Ferry.Cli;

/// <summary>The deployed applications, where each runs and its containers' state: <c>ferry app ls</c> and the dashboard read them the same way.</summary>
public static class AppListing
{
    /// <summary>One deployed application with its definition and the state of each container on its host ("unknown" when the host did not say).</summary>
    public sealed record Entry(AppDefinition App, AppPlacement Placement, string Site, IReadOnlyDictionary<string, string> States)
    {
        public string State(ContainerDefinition container) => States.GetValueOrDefault($"{App.Name}-{container.Name}", "unknown");
    }

    public static async Task<IReadOnlyList<Entry>> ReadAsync(CliContext context, HostInventory inventory, CancellationToken ct)
    {
        var deployer = context.Deployer(inventory);
        return await Task.WhenAll(AppPlacement.All(context.StackDirectory).Select(async placement =>
        {
            var app = context.App(placement.App);
            var states = await deployer.StatusAsync(app, placement.Host, ct);
            return new Entry(app, placement, inventory.Host(placement.Host).Site, states);
        }));
    }
}

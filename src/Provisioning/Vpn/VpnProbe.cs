using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Vpn;

/// <summary>Asks gateways over ssh for their IPsec state (templates/vpn/status.sh).</summary>
public sealed class VpnProbe(IRemoteShell shell, TemplateRenderer templates)
{
    private const string StatePrefix = "ferry-vpn: ";

    public async Task<GatewayVpnStatus> QueryAsync(InventoryHost gateway, CancellationToken cancellationToken = default)
    {
        var result = await shell.RunScriptAsync(gateway, templates.Render("vpn/status.sh", new { }), timeout: TimeSpan.FromSeconds(20), cancellationToken: cancellationToken);
        var first = result.StandardOutput.Split('\n', 2)[0];
        if (!result.Succeeded || !first.StartsWith(StatePrefix, StringComparison.Ordinal))
        {
            return new GatewayVpnStatus(gateway.Name, GatewayVpnStatus.Unreachable, [], $"cannot ask {gateway.Name} (exit {result.ExitCode}): {result.Tail(3)}");
        }

        var daemon = first[StatePrefix.Length..].Trim();
        return new GatewayVpnStatus(gateway.Name, daemon, daemon == GatewayVpnStatus.Running ? SwanctlOutput.ParseSas(result.StandardOutput) : []);
    }

    /// <summary>Every gateway of the inventory, asked in parallel.</summary>
    public async Task<IReadOnlyList<GatewayVpnStatus>> QueryAllAsync(HostInventory inventory, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(inventory.WithRole("gateway").Select(g => QueryAsync(g, cancellationToken)));
}

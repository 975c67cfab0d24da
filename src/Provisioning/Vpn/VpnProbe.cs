using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.Provisioning.Vpn;

/// <summary>Asks gateways over SSH for their IPsec state (templates/vpn/status.sh).</summary>
public sealed class VpnProbe(RemoteContext remote) : RemoteTask<VpnStatusInputs, (string Daemon, IReadOnlyList<IkeSa> Sas)>
{
    public override TimeSpan Timeout => Timeouts.Query;

    public async Task<GatewayVpnStatus> QueryAsync(InventoryHost gateway, CancellationToken cancellationToken = default)
    {
        try
        {
            var (daemon, sas) = await RunAsync(remote, gateway, new VpnStatusInputs(), cancellationToken: cancellationToken);
            return new GatewayVpnStatus(gateway.Name, daemon, sas);
        }
        catch (RemoteTaskException e)
        {
            return new GatewayVpnStatus(gateway.Name, GatewayVpnStatus.Unreachable, [], $"cannot ask {gateway.Name}: {e.Message}");
        }
    }

    /// <summary>Every gateway of the inventory, asked in parallel.</summary>
    public async Task<IReadOnlyList<GatewayVpnStatus>> QueryAllAsync(HostInventory inventory, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(inventory.WithRole(HostRole.Gateway).Select(g => QueryAsync(g, cancellationToken)));

    protected override (string Daemon, IReadOnlyList<IkeSa> Sas) Parse(ScriptOutput output)
    {
        var daemon = output.Require(OutputKeys.VpnDaemon);
        return (daemon, daemon == GatewayVpnStatus.Running ? SwanctlOutput.ParseSas(output.Text(OutputKeys.VpnSas)) : []);
    }
}

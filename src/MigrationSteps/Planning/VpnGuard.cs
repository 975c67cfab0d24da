using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Vpn;

namespace Ferry.MigrationSteps.Planning;

/// <summary>
/// Refuses a migration between sites unless the IPsec tunnel between their gateways is up on both ends:
/// checkpoint images, memory pages and ssh between sites must never cross the internet in the clear.
/// </summary>
public sealed class VpnGuard(VpnProbe probe, HostInventory inventory)
{
    /// <summary>Why the migration must not run, or null when its traffic is protected (or stays inside one site).</summary>
    public async Task<string?> RefusalAsync(string app, string source, string target, bool insecureDirect, CancellationToken cancellationToken = default)
    {
        var from = inventory.Host(source);
        var to = inventory.Host(target);
        if (from.Site == to.Site)
        {
            return null;
        }

        if (insecureDirect)
        {
            return $"--insecure-direct is allowed only for moves inside one site; {from.Name} (site {from.Site}) and {to.Name} (site {to.Site}) are in different sites, whose traffic must cross the VPN";
        }

        var faults = new List<string>();
        var tunnels = new[] { (Site: from.Site, Peer: to.Site), (Site: to.Site, Peer: from.Site) };
        var statuses = await Task.WhenAll(tunnels.Select(async t =>
        {
            var gateway = inventory.Hosts.FirstOrDefault(h => h.Role == HostRole.Gateway && h.Site == t.Site);
            return (t, gateway, Status: gateway is null ? null : await probe.QueryAsync(gateway, cancellationToken));
        }));
        foreach (var (tunnel, gateway, status) in statuses)
        {
            var fault = gateway is null ? $"site {tunnel.Site} has no gateway in the inventory" : status!.Fault(VpnPair.ChildName(tunnel.Peer));
            if (fault is not null)
            {
                faults.Add($"{gateway?.Name ?? tunnel.Site}: {fault}");
            }
        }

        if (faults.Count == 0)
        {
            return null;
        }

        var fix = statuses.Any(s => s.Status?.Daemon == GatewayVpnStatus.NotConfigured)
            ? "enable it with 'vpn: { enabled: true }' in the stack file, then 'ferry down' and 'ferry up'"
            : "bring it up with 'ferry vpn up' and check it with 'ferry vpn status'";
        return $"refusing to send {app}'s state from {from.Name} (site {from.Site}) to {to.Name} (site {to.Site}) in the clear: " +
            $"the VPN between {from.Site} and {to.Site} is not up ({string.Join("; ", faults)}); {fix}";
    }
}

using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Vpn;

namespace Ferry.Provisioning.Playbooks;

/// <summary>
/// The one provisioning path: whatever cloud wrote the inventory (the local cloud, a twin or Pulumi), the same
/// playbooks run after it, in this order: cloud-init's first boot, peer trust, the VPN pair (with its MSS clamp).
/// </summary>
public static class Provisioner
{
    public static async Task RunAsync(RemoteContext remote, HostInventory inventory, ProvisioningOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Invoke("waiting for every host's first boot");
        foreach (var (host, report) in await FirstBoot.WaitAsync(remote, inventory, cancellationToken: cancellationToken))
        {
            if (report != "none")
            {
                progress?.Invoke($"{host}: first boot done ({report})");
            }
        }

        progress?.Invoke("peer trust: the image-push key on the workloads");
        await PeerTrust.ApplyAsync(remote, inventory, options.PeerKeyPath, cancellationToken);
        if (options.Vpn)
        {
            await StartVpnAsync(remote, inventory, options, progress, cancellationToken);
        }
    }

    /// <summary>Brings the IPsec tunnels between the gateways up (again); what is already up is left alone.</summary>
    public static async Task StartVpnAsync(RemoteContext remote, HostInventory inventory, ProvisioningOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Invoke("bringing up the VPN between the sites' gateways");
        var report = await VpnPair.ApplyAsync(remote, inventory, VpnSites(inventory, options.SiteSubnets), options.EspProposals, options.PskPath, cancellationToken: cancellationToken, appSubnet: inventory.AppSubnet);
        foreach (var (gateway, gatewayReport) in report)
        {
            progress?.Invoke($"{gateway}: {gatewayReport}");
        }
    }

    /// <summary>Each site's gateway from the inventory: its public address is the tunnel's endpoint and identity.</summary>
    public static IReadOnlyList<VpnSite> VpnSites(HostInventory inventory, IReadOnlyDictionary<string, string> subnets) =>
        inventory.WithRole(HostRole.Gateway)
            .Select(h => new VpnSite(
                h.Site, h.Name,
                h.PublicIp ?? throw new InventoryException($"gateway {h.Name} has no public address in the inventory; the VPN needs it as the tunnel's endpoint"),
                subnets.TryGetValue(h.Site, out var subnet) ? subnet : throw new InventoryException($"site '{h.Site}' of gateway {h.Name} is not in the stack file")))
            .ToList();
}

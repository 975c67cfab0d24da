using System.Globalization;
using System.Security.Cryptography;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Provisioning.Vpn;

namespace Ferry.Provisioning.Playbooks;

/// <summary>
/// IKEv2 tunnels (StrongSwan, pre-shared key) between every pair of sites' gateways, so that traffic
/// between the sites' private subnets is only ever carried inside ESP. The key is made once per stack,
/// kept 0600 on this machine, and reaches the gateways only inside the script sent on ssh's stdin.
/// </summary>
public static class VpnPair
{
    private const int PskBytes = 32;

    /// <summary>Configures and starts charon on every gateway and waits until every child SA is installed.</summary>
    /// <returns>Each gateway's report lines (child, backend, seconds until installed).</returns>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ApplyAsync(
        HostInventory inventory, IRemoteShell shell, TemplateRenderer templates, IReadOnlyList<VpnSite> sites, string espProposals,
        string pskPath, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var pskHex = await EnsurePskAsync(pskPath, cancellationToken);
        var seconds = (int)(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds;
        var scripts = sites.Select((site, i) => (Host: inventory.Host(site.Gateway), Script: Script(templates, sites, i, espProposals, pskHex, seconds))).ToList();
        var results = await Task.WhenAll(scripts.Select(async s => (s.Host, Result: await shell.RunScriptAsync(s.Host, s.Script, timeout: TimeSpan.FromSeconds(seconds + 30), cancellationToken: cancellationToken))));
        foreach (var (host, result) in results.Where(r => !r.Result.Succeeded))
        {
            throw new InvalidOperationException($"vpn on {host.Name} failed (exit {result.ExitCode}): {result.Tail()}");
        }

        return results.ToDictionary(r => r.Host.Name, r => (IReadOnlyList<string>)r.Result.StandardOutput.Split('\n').Where(l => l.StartsWith("ferry-vpn:", StringComparison.Ordinal)).ToList());
    }

    /// <summary>The name of the connection and child SA a gateway uses for the tunnel to <paramref name="peerSite"/>.</summary>
    public static string ChildName(string peerSite) => peerSite;

    /// <summary>The stack's pre-shared key as hex, made with a CSPRNG on first use and stored 0600.</summary>
    public static async Task<string> EnsurePskAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            if (!OperatingSystem.IsLinux())
            {
                throw new PlatformNotSupportedException("the VPN key is kept with Unix permissions: run ferry on Linux");
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
            await using var stream = new FileStream(path, options);
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PskBytes)));
        }

        return (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
    }

    private static string Script(TemplateRenderer templates, IReadOnlyList<VpnSite> sites, int index, string espProposals, string pskHex, int timeoutSeconds)
    {
        var local = sites[index];
        // One side of each pair initiates (the site listed first), so the two never race into duplicate SAs.
        var peers = sites.Select((peer, i) => (Peer: peer, Index: i)).Where(p => p.Index != index).Select(p => new
        {
            Name = ChildName(p.Peer.Site),
            LocalAddress = local.PublicIp,
            RemoteAddress = p.Peer.PublicIp,
            LocalSubnet = local.Subnet,
            RemoteSubnet = p.Peer.Subnet,
            EspProposals = espProposals,
            DpdAction = index < p.Index ? "restart" : "clear",
            PskHex = pskHex,
            Initiates = index < p.Index,
        }).ToList();
        return templates.Render("vpn/up.sh", new
        {
            Children = peers.Select(p => p.Name).ToList(),
            Initiate = peers.Where(p => p.Initiates).Select(p => p.Name).ToList(),
            TimeoutSeconds = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            StrongswanConf = templates.Render("vpn/strongswan.conf", new { }),
            SwanctlConf = templates.Render("vpn/swanctl.conf", new { Peers = peers }),
        });
    }
}

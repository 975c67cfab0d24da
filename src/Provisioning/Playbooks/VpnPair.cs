using System.Globalization;
using System.Security.Cryptography;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Templates;
using Ferry.Provisioning.Vpn;

namespace Ferry.Provisioning.Playbooks;

/// <summary>
/// IKEv2 tunnels (StrongSwan, pre-shared key) between every pair of sites' gateways, so that traffic
/// between the sites' private subnets is only ever carried inside ESP. The key is made once per stack,
/// kept 0600 on this machine, and reaches the gateways only inside the script sent on ssh's stdin.
/// </summary>
public sealed class VpnPair(TimeSpan timeout) : RemoteTask<VpnUpInputs, VpnUpReport>
{
    private const int PskBytes = 32;

    public override TimeSpan Timeout => timeout + Timeouts.Configure;

    /// <summary>Configures and starts charon on every gateway and waits until every child SA is installed.</summary>
    /// <returns>Each gateway's report, by gateway name.</returns>
    public static async Task<IReadOnlyDictionary<string, VpnUpReport>> ApplyAsync(
        RemoteContext remote, HostInventory inventory, IReadOnlyList<VpnSite> sites, string espProposals,
        string pskPath, TimeSpan? timeout = null, CancellationToken cancellationToken = default, string? appSubnet = null)
    {
        var pskHex = await EnsurePskAsync(pskPath, cancellationToken);
        var wait = timeout ?? Timeouts.VpnInstall;
        var task = new VpnPair(wait);
        var reports = await Task.WhenAll(sites.Select(async (site, i) =>
        {
            var host = inventory.Host(site.Gateway);
            return (host.Name, Report: await task.RunAsync(remote, host, Inputs(remote.Templates, sites, i, espProposals, pskHex, (int)wait.TotalSeconds, appSubnet), cancellationToken: cancellationToken));
        }));
        return reports.ToDictionary(r => r.Name, r => r.Report);
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

        return await LoadPskAsync(path, cancellationToken);
    }

    /// <summary>
    /// Reads the key, refusing a file others could read or write (the key would no longer be secret) and
    /// one that is not the key ferry makes (a damaged key would bring the tunnel down with a vague IKE error).
    /// </summary>
    public static async Task<string> LoadPskAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the VPN key is kept with Unix permissions: run ferry on Linux");
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & others) != 0)
        {
            throw new VpnKeyException($"the VPN key {path} has mode {Octal(mode)}: others can read or change it; make it private with 'chmod 600 {path}' (or delete it and run 'ferry up' to make a new one)");
        }

        var text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        if (text.Length != PskBytes * 2 || !text.All(char.IsAsciiHexDigitLower))
        {
            // Never the content itself: it may be most of a key.
            throw new VpnKeyException($"the VPN key {path} is not a key ferry made (expected {PskBytes * 2} lowercase hex digits, found {text.Length} characters); delete it and run 'ferry up' to make a new one");
        }

        return text;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');

    /// <summary>The inputs of gateway <paramref name="index"/>'s script.</summary>
    /// <param name="appSubnet">The containers' addresses, carried by every tunnel on both sides, so that a container reached in another site travels inside ESP.</param>
    public static VpnUpInputs Inputs(TemplateRenderer templates, IReadOnlyList<VpnSite> sites, int index, string espProposals, string pskHex, int timeoutSeconds, string? appSubnet = null)
    {
        string Selectors(string subnet) => appSubnet is null ? subnet : $"{subnet},{appSubnet}";
        var local = sites[index];
        // One side of each pair initiates (the site listed first), so the two never race into duplicate SAs.
        var peers = sites.Select((peer, i) => (Peer: peer, Index: i)).Where(p => p.Index != index).Select(p => new SwanctlPeer(
            ChildName(p.Peer.Site), local.PublicIp, p.Peer.PublicIp, Selectors(local.Subnet), Selectors(p.Peer.Subnet), espProposals,
            index < p.Index ? "restart" : "clear", pskHex, index < p.Index)).ToList();
        return new VpnUpInputs(
            peers.Select(p => p.Name).ToList(),
            peers.Where(p => p.Initiates).Select(p => p.Name).ToList(),
            timeoutSeconds,
            templates.Render(new StrongswanInputs()),
            templates.Render(new SwanctlInputs(peers)),
            peers[0].RemoteAddress,
            appSubnet ?? "",
            local.Subnet,
            [.. sites.Where((_, i) => i != index).Select(s => s.Subnet)]);
    }

    protected override VpnUpReport Parse(ScriptOutput output) => new(
        output.Require(OutputKeys.VpnBackend),
        output.WithPrefix(OutputKeys.VpnInstalledAfter).ToDictionary(p => p.Key, p => double.Parse(p.Value, CultureInfo.InvariantCulture)));
}

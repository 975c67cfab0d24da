using System.Diagnostics;
using System.Text.Json;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Vpn;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Local;

/// <summary>
/// The embedded default cloud: hosts made of namespaces on this machine, each with its own root file
/// system and sshd, joined by bridges, the sites' uplinks shaped with tbf. Ends in an inventory.
/// </summary>
public sealed class LocalCloud(StackDefinition stack, LocalScript scripts)
{
    private const string PipeMaxSize = "/proc/sys/fs/pipe-max-size";

    // Lazy post-copy needs criu to grow its pipes past the 1 MiB default (the VM withholds CAP_SYS_RESOURCE).
    private const long PipeMaxSizeNeeded = 4 << 20;

    private static string PipeMaxSizeOriginal => Path.Combine(FerryPaths.Root, "pipe-max-size.original");

    private readonly LocalNames _names = new(stack.Name);

    public StackDefinition Stack => stack;

    public string StateDirectory => FerryPaths.Stack(stack.Name);

    public string InventoryPath => FerryPaths.Inventory(stack.Name);

    public string KeyPath => Path.Combine(StateDirectory, "id_ed25519");

    public IReadOnlyList<LocalHostPlan> Plan { get; } = LocalTopology.Plan(stack);

    /// <summary>The stack's IPsec pre-shared key (0600), made at the first up.</summary>
    public string PskPath => Provisioning.PskPath;

    public SshOptions SshOptions { get; } = new();

    /// <summary>Boots every host; a no-op when the stack is already up and healthy.</summary>
    public async Task<HostInventory> UpAsync(HostImage image, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        LocalMachine.RequireRoot("boot the local cloud");
        var existing = LocalCloudState.Load(stack.Name);
        if (existing is { Phase: LocalCloudState.Up } && File.Exists(InventoryPath) && AllHostsRunning())
        {
            progress?.Invoke($"stack '{stack.Name}' is already up");
            return HostInventory.Load(InventoryPath);
        }

        if (existing is not null || Directory.Exists(StateDirectory))
        {
            progress?.Invoke($"stack '{stack.Name}' has leftovers from an earlier run: removing them first");
            await DownAsync(progress, cancellationToken);
        }

        await RequireFreeRangeAsync(stack.Network.Management, "network.management");
        await image.BuildAsync(progress, cancellationToken);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(StateDirectory);
        var state = new LocalCloudState(stack.Name, LocalCloudState.Booting, Path.GetFullPath(stack.SourcePath ?? ""), ReadPipeMaxSize(), DateTimeOffset.UtcNow);
        state.Save();
        try
        {
            await RaisePipeMaxSizeAsync(state, cancellationToken);

            await MakeKeyAsync(KeyPath, cancellationToken);
            await scripts.RunCheckedAsync(
                new FabricUpInputs(
                    _names.FabricNamespace,
                    _names.ManagementBridge,
                    $"{stack.Network.Management.Host(1)}/{stack.Network.Management.PrefixLength}",
                    stack.Sites.Select((_, i) => _names.SiteBridge(i)).Append(LocalNames.InternetBridge).ToList()),
                cancellationToken: cancellationToken);

            var publicKey = (await File.ReadAllTextAsync(KeyPath + ".pub", cancellationToken)).Trim();
            foreach (var host in Plan)
            {
                progress?.Invoke($"booting {host.Name} ({host.Role.ToString().ToLowerInvariant()}{(host.Site.Length > 0 ? " in " + host.Site : "")})");
                await scripts.RunCheckedAsync(HostInputs(host, image, publicKey), cancellationToken: cancellationToken);
            }

            await using var shell = new SshNetShell(SshOptions);
            var inventory = await WaitForInventoryAsync(shell, cancellationToken);
            await Provisioner.RunAsync(new RemoteContext(shell, scripts.Templates), inventory, Provisioning, progress, cancellationToken);
            inventory.Save(InventoryPath);
            (state with { Phase = LocalCloudState.Up }).Save();
            progress?.Invoke($"stack '{stack.Name}' up: {Plan.Count} hosts in {clock.Elapsed.TotalSeconds:F1} s");
            return inventory;
        }
        catch
        {
            progress?.Invoke("boot failed: removing what was created");
            await DownAsync(progress, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Brings the IPsec tunnels between the gateways up (again); what is already up is left alone.</summary>
    public async Task StartVpnAsync(HostInventory inventory, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!stack.Vpn.Enabled)
        {
            throw new LocalCloudException($"stack '{stack.Name}' has the VPN disabled: set 'vpn: {{ enabled: true }}' in {stack.SourcePath ?? "the stack file"}, then 'ferry down' and 'ferry up'");
        }

        await using var shell = new SshNetShell(SshOptions);
        await Provisioner.StartVpnAsync(new RemoteContext(shell, scripts.Templates), inventory, Provisioning, progress, cancellationToken);
    }

    /// <summary>What the provisioning path needs from this stack.</summary>
    public ProvisioningOptions Provisioning => ProvisioningFor(stack, StateDirectory);

    public static ProvisioningOptions ProvisioningFor(StackDefinition stack, string stateDirectory) =>
        new(stateDirectory, stack.Sites.ToDictionary(s => s.Name, s => s.Subnet.ToString()), stack.Vpn.Enabled, stack.Vpn.EspProposals);

    /// <summary>Removes every process, mount, namespace, link and directory the stack made; safe after a crash.</summary>
    public async Task DownAsync(Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        LocalMachine.RequireRoot("remove the local cloud");
        foreach (var host in Plan)
        {
            var result = await scripts.RunAsync(
                new HostDownInputs(host.Namespace, HostDirectory(host.Name), host.ManagementVeth, [_names.CgroupPrefix]),
                cancellationToken: cancellationToken);
            if (!result.Succeeded)
            {
                progress?.Invoke($"removing {host.Name}: {result.Tail()}");
            }
        }

        await scripts.RunCheckedAsync(new FabricDownInputs(_names.FabricNamespace, _names.ManagementBridge), cancellationToken: cancellationToken);
        await RestorePipeMaxSizeAsync(stack.Name, cancellationToken);

        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        progress?.Invoke($"stack '{stack.Name}' is down");
    }

    /// <summary>Whether every host's boot process (the init of its pid namespace) is alive.</summary>
    private bool AllHostsRunning() =>
        Plan.All(host =>
        {
            var pidFile = Path.Combine(HostDirectory(host.Name), "pid");
            return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && Directory.Exists($"/proc/{pid}");
        });

    public string HostDirectory(string host) => Path.Combine(StateDirectory, "hosts", host);

    private HostUpInputs HostInputs(LocalHostPlan host, HostImage image, string publicKey) => new(
        host.Name, host.Namespace, _names.FabricNamespace, _names.ManagementBridge, host.ManagementVeth,
        $"{host.ManagementIp}/{stack.Network.Management.PrefixLength}", image.Directory, HostDirectory(host.Name), publicKey,
        stack.Link.BandwidthMbit is { } mbit ? $"{mbit}mbit" : "unshaped", host.Links, host.Routes,
        host.PublicNat ? host.PublicIp ?? "" : "", host.PublicNat ? host.PrivateIp : "");

    private async Task<HostInventory> WaitForInventoryAsync(IRemoteShell shell, CancellationToken cancellationToken)
    {
        var hosts = new List<InventoryHost>();
        var deadline = DateTime.UtcNow + Timeouts.LocalHostBoot;
        foreach (var host in Plan)
        {
            var keyFile = Path.Combine(HostDirectory(host.Name), "upper", "etc", "ssh", "ssh_host_ed25519_key.pub");
            while (!File.Exists(keyFile) || new FileInfo(keyFile).Length == 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    var log = Path.Combine(HostDirectory(host.Name), "boot.log");
                    var tail = File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "(no boot log)";
                    throw new LocalCloudException($"host {host.Name} did not make its host keys within {Timeouts.LocalHostBoot.TotalSeconds} s; boot log {log}:\n{tail}");
                }

                await Task.Delay(50, cancellationToken);
            }

            var parts = (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim().Split(' ');
            hosts.Add(new InventoryHost(
                host.Name, host.Role, host.Site, host.ManagementIp, 22, "root", KeyPath,
                $"{host.ManagementIp} {parts[0]} {parts[1]}", host.PrivateIp, host.PublicIp));
        }

        var inventory = new HostInventory(stack.Name, "local", stack.Network.Apps.ToString(), hosts);
        await WaitForSshAsync(shell, inventory, deadline, cancellationToken);
        return inventory;
    }

    /// <summary>Waits until every host of <paramref name="inventory"/> runs a command over ssh.</summary>
    internal static async Task WaitForSshAsync(IRemoteShell shell, HostInventory inventory, DateTime deadline, CancellationToken cancellationToken)
    {
        foreach (var host in inventory.Hosts)
        {
            while (true)
            {
                string failure;
                try
                {
                    var result = await shell.RunScriptAsync(host, "true", timeout: Timeouts.Query, cancellationToken: cancellationToken);
                    if (result.Succeeded)
                    {
                        break;
                    }

                    failure = result.Tail();
                }
                catch (RemoteShellException e)
                {
                    // sshd may not listen yet.
                    failure = e.Message;
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new LocalCloudException($"host {host.Name} does not answer over ssh at {host.SshHost}: {failure}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    internal static async Task RequireFreeRangeAsync(Cidr range, string field)
    {
        var result = await ProcessRunner.RunAsync("ip", ["-j", "-4", "addr", "show"]);
        using var doc = JsonDocument.Parse(result.StandardOutput);
        foreach (var link in doc.RootElement.EnumerateArray())
        {
            foreach (var address in link.GetProperty("addr_info").EnumerateArray())
            {
                var local = System.Net.IPAddress.Parse(address.GetProperty("local").GetString()!);
                if (range.Contains(local))
                {
                    throw new LocalCloudException(
                        $"{field} {range} is already used on this machine ({link.GetProperty("ifname").GetString()} has {local}); " +
                        "another stack may be up: run 'ferry down' for it, or give this stack another management range");
                }
            }
        }
    }

    internal static async Task MakeKeyAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return;
        }

        var result = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ferry", "-f", path], cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new LocalCloudException($"ssh-keygen failed: {result.Tail()}");
        }
    }

    /// <summary>Lets criu grow its pipes for post-copy; the machine's own value is kept once for all stacks.</summary>
    internal static async Task RaisePipeMaxSizeAsync(LocalCloudState state, CancellationToken cancellationToken)
    {
        if (state.PipeMaxSizeBefore < PipeMaxSizeNeeded)
        {
            if (!File.Exists(PipeMaxSizeOriginal))
            {
                await File.WriteAllTextAsync(PipeMaxSizeOriginal, state.PipeMaxSizeBefore.ToString(), cancellationToken);
            }

            await File.WriteAllTextAsync(PipeMaxSize, PipeMaxSizeNeeded.ToString(), cancellationToken);
        }
    }

    /// <summary>The last stack down puts the machine's pipe-max-size back.</summary>
    internal static async Task RestorePipeMaxSizeAsync(string stackName, CancellationToken cancellationToken)
    {
        if (File.Exists(PipeMaxSizeOriginal) && !OtherStacksUp(stackName))
        {
            await File.WriteAllTextAsync(PipeMaxSize, (await File.ReadAllTextAsync(PipeMaxSizeOriginal, cancellationToken)).Trim(), cancellationToken);
            File.Delete(PipeMaxSizeOriginal);
        }
    }

    internal static long? ReadPipeMaxSize() =>
        File.Exists(PipeMaxSize) && long.TryParse(File.ReadAllText(PipeMaxSize).Trim(), out var v) ? v : null;

    private static bool OtherStacksUp(string stackName)
    {
        var root = Path.Combine(FerryPaths.Root, "stacks");
        return Directory.Exists(root) && Directory.GetDirectories(root).Any(d => Path.GetFileName(d) != stackName && File.Exists(Path.Combine(d, "state.json")));
    }
}

using System.Diagnostics;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;
using Ferry.Stacks.Local;
using Ferry.Stacks.Model;
using Ferry.Stacks.Pulumi;

namespace Ferry.Stacks.Twin;

/// <summary>
/// The local twin of a real-cloud stack: the sites, hosts and private addresses of its Pulumi program as
/// namespace hosts that see only their private address, behind one VPC router per site (1:1 NAT onto the
/// internet segment, the site's rules with an implied deny, its route table, the source/destination check),
/// first-booted by cloud-init from the exact user-data rendered for their cloud, logged into as the admin
/// user with sudo. Ends in an inventory, then the same provisioning path as every cloud.
/// </summary>
public sealed class LocalTwin
{
    private readonly StackDefinition _stack;
    private readonly LocalScript _scripts;

    public LocalTwin(StackDefinition stack, LocalScript scripts)
    {
        _stack = stack;
        _scripts = scripts;
        Plan = TwinTopology.Plan(stack, new CloudInitTemplates(scripts.Templates));
    }

    public TwinPlan Plan { get; }

    /// <summary>The twin's own stack name (the real stack's with "-t"): its state, inventory and namespaces.</summary>
    public string Name => Plan.Names.Stack;

    public string StateDirectory => FerryPaths.Stack(Name);

    public string InventoryPath => FerryPaths.Inventory(Name);

    public string KeyPath => Path.Combine(StateDirectory, "id_ed25519");

    public ProvisioningOptions Provisioning => LocalCloud.ProvisioningFor(_stack, StateDirectory);

    public string HostDirectory(string host) => Path.Combine(StateDirectory, "hosts", host);

    /// <summary>Boots the twin and provisions it; a no-op when it is already up.</summary>
    public async Task<HostInventory> UpAsync(TwinImage image, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        LocalMachine.RequireRoot("boot a twin");
        var existing = LocalCloudState.Load(Name);
        if (existing is { Phase: LocalCloudState.Up } && File.Exists(InventoryPath) && AllHostsRunning())
        {
            progress?.Invoke($"twin '{Name}' is already up");
            return HostInventory.Load(InventoryPath);
        }

        if (existing is not null || Directory.Exists(StateDirectory))
        {
            progress?.Invoke($"twin '{Name}' has leftovers from an earlier run: removing them first");
            await DownAsync(progress, cancellationToken);
        }

        await LocalCloud.RequireFreeRangeAsync(_stack.Network.Internet, "network.internet (the twin's internet segment)");
        await image.BuildAsync(progress, cancellationToken);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(StateDirectory);
        var state = new LocalCloudState(Name, LocalCloudState.Booting, Path.GetFullPath(_stack.SourcePath ?? ""), LocalCloud.ReadPipeMaxSize(), DateTimeOffset.UtcNow);
        state.Save();
        try
        {
            await LocalCloud.RaisePipeMaxSizeAsync(state, cancellationToken);
            await LocalCloud.MakeKeyAsync(KeyPath, cancellationToken);
            var checkedHosts = Plan.Hosts.Where(h => !h.Forwarding).ToList();
            await _scripts.RunCheckedAsync(
                new TwinFabricUpInputs(
                    Plan.Names.FabricNamespace,
                    Plan.Sites.Select(s => s.Bridge).Append(TwinNames.InternetBridge).ToList(),
                    TwinNames.InternetBridge,
                    Plan.Names.OperatorVeth,
                    Plan.OperatorAddress,
                    checkedHosts.Select(h => h.Veth).ToList(),
                    checkedHosts.Select(h => h.PrivateIp).ToList()),
                cancellationToken: cancellationToken);
            foreach (var site in Plan.Sites)
            {
                progress?.Invoke($"VPC router of {site.Name} ({site.Cloud}, MTU {site.Mtu}): {site.Hosts.Count} public addresses, {site.Rules.Count} rules, {site.Routes.Count} routes");
                await _scripts.RunCheckedAsync(
                    new TwinRouterUpInputs(
                        site.RouterNamespace, Plan.Names.FabricNamespace, site.Bridge, TwinNames.InternetBridge, site.LanVeth, site.WanVeth,
                        site.RouterLan, site.RouterWan, site.Mtu, site.InternetMtu, site.Hosts.Select(h => h.PublicIp).ToList(),
                        site.Routes.Select(r => r.Destination).ToList(), site.Routes.Select(r => r.NextHop).ToList(), TwinRuleset.For(site)),
                    cancellationToken: cancellationToken);
            }

            var publicKey = (await File.ReadAllTextAsync(KeyPath + ".pub", cancellationToken)).Trim();
            foreach (var site in Plan.Sites)
            {
                var prefix = site.Subnet.Split('/')[1];
                var gateway = site.RouterLan.Split('/')[0];
                foreach (var host in site.Hosts)
                {
                    progress?.Invoke($"booting {host.Name} ({host.Role.ToString().ToLowerInvariant()} in {site.Name}, {host.PrivateIp}, public {host.PublicIp})");
                    await _scripts.RunCheckedAsync(
                        new TwinHostUpInputs(
                            host.Name, host.Namespace, Plan.Names.FabricNamespace, host.Veth, site.Bridge, $"{host.PrivateIp}/{prefix}", gateway, site.Mtu,
                            image.LowerDirs, HostDirectory(host.Name), host.UserData, $"{Name}-{host.Name}", publicKey),
                        cancellationToken: cancellationToken);
                }
            }

            await using var shell = new SshNetShell(new SshOptions());
            var inventory = await WaitForInventoryAsync(shell, progress, cancellationToken);
            progress?.Invoke($"twin '{Name}' booted in {clock.Elapsed.TotalSeconds:F1} s; provisioning");
            await Provisioner.RunAsync(new RemoteContext(shell, _scripts.Templates), inventory, Provisioning, progress, cancellationToken);
            inventory.Save(InventoryPath);
            (state with { Phase = LocalCloudState.Up }).Save();
            progress?.Invoke($"twin '{Name}' up: {Plan.Hosts.Count()} hosts in {clock.Elapsed.TotalSeconds:F1} s");
            return inventory;
        }
        catch
        {
            progress?.Invoke("twin boot failed: removing what was created");
            await DownAsync(progress, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Removes every process, mount, namespace, link and directory the twin made; safe after a crash.</summary>
    public async Task DownAsync(Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        LocalMachine.RequireRoot("remove a twin");
        foreach (var host in Plan.Hosts)
        {
            var result = await _scripts.RunAsync(
                new HostDownInputs(host.Namespace, HostDirectory(host.Name), host.Veth, [Plan.Names.CgroupPrefix, Plan.Names.AppCgroupPrefix]),
                cancellationToken: cancellationToken);
            if (!result.Succeeded)
            {
                progress?.Invoke($"removing {host.Name}: {result.Tail()}");
            }
        }

        await _scripts.RunCheckedAsync(
            new TwinDownInputs(Plan.Names.FabricNamespace, Plan.Names.OperatorVeth, Plan.Sites.Select(s => s.RouterNamespace).ToList()),
            cancellationToken: cancellationToken);
        await LocalCloud.RestorePipeMaxSizeAsync(Name, cancellationToken);
        if (Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        progress?.Invoke($"twin '{Name}' is down");
    }

    private bool AllHostsRunning() =>
        Plan.Hosts.All(host =>
        {
            var pidFile = Path.Combine(HostDirectory(host.Name), "pid");
            return File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && Directory.Exists($"/proc/{pid}");
        });

    /// <summary>
    /// The inventory as a cloud's would read: ssh to each public address as the admin user, the host key cloud-init
    /// made (read from the host's disk, where a cloud shows it in the console output).
    /// </summary>
    private async Task<HostInventory> WaitForInventoryAsync(IRemoteShell shell, Action<string>? progress, CancellationToken cancellationToken)
    {
        var hosts = new List<InventoryHost>();
        var deadline = DateTime.UtcNow + Timeouts.LocalHostBoot;
        foreach (var host in Plan.Hosts)
        {
            var keyFile = Path.Combine(HostDirectory(host.Name), "upper", "etc", "ssh", "ssh_host_ed25519_key.pub");
            while (!File.Exists(keyFile) || new FileInfo(keyFile).Length == 0)
            {
                if (DateTime.UtcNow > deadline)
                {
                    var log = Path.Combine(HostDirectory(host.Name), "upper", "var", "log", "cloud-init.log");
                    var tail = File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log, cancellationToken)).TakeLast(25)) : "(no cloud-init log)";
                    throw new LocalCloudException($"twin host {host.Name}: cloud-init made no ssh host key within {Timeouts.LocalHostBoot.TotalSeconds} s; tail of {log}:\n{tail}");
                }

                await Task.Delay(100, cancellationToken);
            }

            var parts = (await File.ReadAllTextAsync(keyFile, cancellationToken)).Trim().Split(' ');
            hosts.Add(new InventoryHost(
                host.Name, host.Role, host.Site, host.PublicIp, PulumiOutputs.SshPort, _stack.Admin.User, KeyPath,
                $"{host.PublicIp} {parts[0]} {parts[1]}", host.PrivateIp, host.PublicIp));
        }

        var inventory = new HostInventory(Name, "twin", _stack.Network.Apps.ToString(), hosts);
        progress?.Invoke("host keys read; waiting for sshd on every public address");
        await LocalCloud.WaitForSshAsync(shell, inventory, deadline, cancellationToken);
        return inventory;
    }
}

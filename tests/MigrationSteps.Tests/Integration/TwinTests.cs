using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Vpn;
using Ferry.Stacks.Twin;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>
/// A real-cloud stack's twin, as a user's migration meets it: hosts behind 1:1 NAT with only their private
/// address, first-booted by cloud-init, the admin user with sudo, the VPN built from the inventory, and a
/// move between the two clouds under load.
/// </summary>
public abstract class TwinTests(TwinAppStack twin)
{
    private InventoryHost Front => twin.Inventory.WithRole(HostRole.Front).Single();

    private InventoryHost Client => twin.Inventory.WithRole(HostRole.Client).Single();

    private async Task<long> PeekAsync() => long.Parse(await twin.RunAsync(Client.Name, "curl", "-sS", "-m", "10", $"http://{Front.PublicIp}/peek"));

    [Fact]
    public async Task Up_EveryHost_SeesOnlyItsPrivateAddress()
    {
        foreach (var host in twin.Inventory.Hosts)
        {
            var addresses = await twin.RunAsync(host.Name, "sh", "-c", "ip -4 -o addr show scope global | awk '{print $4}'");
            Assert.Equal($"{host.PrivateIp}/24", addresses);
            Assert.NotEqual(host.PrivateIp, host.SshHost);
        }
    }

    [Fact]
    public async Task Up_Login_IsTheAdminUserWithSudoAndRootIsRefused()
    {
        var gateway = twin.Inventory.WithRole(HostRole.Gateway).First();

        Assert.Equal("ferry", gateway.User);
        Assert.Equal("root", await twin.RunAsync(gateway.Name, "id", "-un"));
        await using var asRoot = new SshNetShell();
        var refused = await Record.ExceptionAsync(() => asRoot.RunScriptAsync(gateway with { User = "root" }, "true", timeout: TimeSpan.FromSeconds(20)));
        Assert.NotNull(refused);
    }

    [Fact]
    public async Task Up_FirstBoot_RanTheCloudsUserDataThroughCloudInit()
    {
        foreach (var host in twin.Twin.Plan.Hosts)
        {
            Assert.StartsWith("criu 4.", await twin.RunAsync(host.Name, "cat", "/var/lib/ferry/first-boot.ok"));
            Assert.Equal(host.UserData.TrimEnd('\n'), await twin.RunAsync(host.Name, "cat", "/var/lib/cloud/seed/nocloud/user-data"));
        }
    }

    [Fact]
    public async Task Up_PeerKey_IsOnlyOnWorkloads()
    {
        foreach (var host in twin.Inventory.Hosts)
        {
            var present = await twin.RunAsync(host.Name, "sh", "-c", "test -f /root/.ssh/ferry_peer && echo yes || echo no");
            Assert.Equal(host.Role == HostRole.Workload ? "yes" : "no", present);
        }
    }

    [Fact]
    public async Task Up_Vpn_IsInstalledOnBothGatewaysAndCarriesTheApps()
    {
        var probe = new VpnProbe(twin.Remote);
        var gateways = twin.Inventory.WithRole(HostRole.Gateway).ToList();
        foreach (var gateway in gateways)
        {
            var peer = gateways.Single(g => g != gateway);
            var status = await probe.QueryAsync(gateway);
            Assert.Null(status.Fault(peer.Site));
            Assert.Contains(twin.Inventory.AppSubnet, status.Installed(peer.Site)!.RemoteTs);
        }
    }

    [Fact]
    public async Task Router_FlowNoRuleAllows_IsDenied()
    {
        var workload = twin.Inventory.WithRole(HostRole.Workload).First();

        // ssh to a workload's public address is allowed from the operator only (this machine), not from another cloud's host.
        var result = await twin.Ssh.RunScriptAsync(Client, $"timeout 3 bash -c '</dev/tcp/{workload.PublicIp}/22' && echo open || echo denied", timeout: TimeSpan.FromSeconds(20));
        Assert.Equal("denied", result.StandardOutput.Trim());
    }

    /// <summary>The ICMP redirects a host's kernel has sent (/proc/net/snmp).</summary>
    private async Task<long> OutRedirectsAsync(string host)
    {
        var icmp = (await twin.RunAsync(host, "grep", "^Icmp:", "/proc/net/snmp")).Split('\n');
        var names = icmp[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = icmp[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(values[Array.IndexOf(names, "OutRedirects")]);
    }

    [Fact]
    public async Task Route_FrontSentToAGatewayThatStillRoutesIntoTheSite_NoRedirectOverridesTheFrontsRoute()
    {
        // The moment of a cut-over when the front already routes the app to its site's gateway and the gateway
        // still routes it to the old host in the same subnet: its kernel would redirect the front to that host.
        var home = twin.Inventory.WithRole(HostRole.Workload).First(w => w.Site == Front.Site);
        var gateway = twin.Inventory.WithRole(HostRole.Gateway).Single(g => g.Site == Front.Site);
        var address = twin.Counter.Containers[0].Address;
        await twin.Deployer.DeployAsync(twin.Counter, home.Name);
        try
        {
            await twin.RunAsync(Front.Name, "ip", "route", "replace", $"{address}/32", "via", gateway.PrivateIp);
            var redirectsBefore = await OutRedirectsAsync(gateway.Name);
            for (var i = 0; i < 5; i++)
            {
                await twin.RunAsync(Front.Name, "curl", "-sS", "-m", "5", "-o", "/dev/null", $"http://{address}:8080/peek");
            }

            // Whether the front follows a redirect depends on when it lands on the connection; that none is sent does not.
            Assert.Equal(redirectsBefore, await OutRedirectsAsync(gateway.Name));
            Assert.Equal("0", await twin.RunAsync(Front.Name, "cat", "/proc/sys/net/ipv4/conf/all/accept_redirects"));
            Assert.Contains($"via {gateway.PrivateIp} ", await twin.RunAsync(Front.Name, "ip", "-4", "route", "get", address));
        }
        finally
        {
            await twin.RunAsync(Front.Name, "ip", "route", "replace", $"{address}/32", "via", home.PrivateIp);
            await twin.Deployer.RemoveAsync(twin.Counter);
        }
    }

    [Fact]
    public async Task Migrate_CounterBetweenTheCloudsUnder20Clients_NoRequestFailsAndNoIncrementIsLost()
    {
        var workloads = twin.Inventory.WithRole(HostRole.Workload).ToList();
        var (from, to) = (workloads[0].Name, workloads.First(w => w.Site != workloads[0].Site).Name);
        await twin.Deployer.DeployAsync(twin.Counter, from);
        try
        {
            var before = await PeekAsync();

            var result = await twin.Recorder.RecordAsync(
                new ProbedMigration(twin.Migrator, new ClientProbe(twin.Remote, twin.Inventory), new ProbeOptions(20, Seconds: 60)),
                new MigrationRequest(twin.Counter, from, to, StrategyKind.Auto));

            Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
            Assert.True(result.Probe!.Failed == 0, $"{result.Probe.Failed} failed: {string.Join(", ", result.Probe.Failures.Select(f => $"{f.Key} x{f.Value}"))}");
            Assert.Equal(before + result.Probe.Succeeded, await PeekAsync());
        }
        finally
        {
            await twin.Deployer.RemoveAsync(twin.Counter);
        }
    }

    [Fact]
    public async Task Migrate_RedisLazilyBetweenTheCloudsUnder20Clients_KeepsEveryKeyAndNoRequestFails()
    {
        const string checksum =
            "local keys = redis.call('KEYS', '*') table.sort(keys) local acc = '' " +
            "for _, k in ipairs(keys) do acc = redis.sha1hex(acc .. k .. redis.call('GET', k)) end return {#keys, acc}";
        var workloads = twin.Inventory.WithRole(HostRole.Workload).ToList();
        var (from, to) = (workloads[0].Name, workloads.First(w => w.Site != workloads[0].Site).Name);
        await twin.Deployer.DeployAsync(twin.Redis, from, 16);
        try
        {
            var before = await twin.RunAsync(Client.Name, "redis-cli", "-h", Front.PublicIp!, "EVAL", checksum, "0");

            var result = await twin.Recorder.RecordAsync(
                new ProbedMigration(twin.Migrator, new ClientProbe(twin.Remote, twin.Inventory), new ProbeOptions(20, Seconds: 60)),
                new MigrationRequest(twin.Redis, from, to, StrategyKind.Lazy));

            Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
            Assert.True(result.Probe!.Failed == 0, $"{result.Probe.Failed} failed: {string.Join(", ", result.Probe.Failures.Select(f => $"{f.Key} x{f.Value}"))}");
            Assert.True(result.Probe.Requests > 100, $"{result.Probe.Requests} requests");
            Assert.StartsWith("4096\n", before);
            Assert.Equal(before, await twin.RunAsync(Client.Name, "redis-cli", "-h", Front.PublicIp!, "EVAL", checksum, "0"));
        }
        finally
        {
            await twin.Deployer.RemoveAsync(twin.Redis);
        }
    }

    [Fact]
    public async Task Capture_RedisMovedAcrossTheCloudsUnder50Clients_NoAppPayloadCrossesTheInternetInTheClearButClientToFront()
    {
        var home = twin.Inventory.WithRole(HostRole.Workload).First(w => w.Site == Front.Site);
        await twin.Deployer.DeployAsync(twin.Redis, home.Name, 4);
        try
        {
            await AppPayloadCapture.MoveAndAssertAsync(twin.Inventory, twin.Remote, twin.Migrator, twin.Recorder, twin.Redis, StrategyKind.Auto, twin.RunAsync,
                () => PacketCapture.StartAsync(twin.Twin.Plan.Names.FabricNamespace, TwinNames.InternetBridge));
        }
        finally
        {
            await twin.Deployer.RemoveAsync(twin.Redis);
        }
    }
}

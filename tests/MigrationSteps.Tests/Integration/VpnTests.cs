using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Vpn;
using Ferry.Stacks.Local;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

[Collection(VpnCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class VpnTests(VpnFixture cloud)
{
    // ESP as the user-space backend sends it: in UDP 4500 (a non-zero SPI where IKE has a zero marker), or raw.
    private const string Esp = "esp or (udp port 4500 and udp[8:4] != 0)";

    // Anything on the internet segment that is neither IKE nor ESP would be traffic in the clear, the client's
    // own excepted (to the front's public address, in the clear by design, as in any deployment).
    private string ClearBetweenSites =>
        $"ip and not (esp or udp port 500 or udp port 4500) and not host {cloud.Inventory.Host("client").PrivateIp}";

    [Fact]
    public async Task Up_BothGateways_HaveAnInstalledAesGcmChildSa()
    {
        var aws = await cloud.Probe.QueryAsync(cloud.Inventory.Host("aws-gw"));
        var gcp = await cloud.Probe.QueryAsync(cloud.Inventory.Host("gcp-gw"));

        Assert.Null(aws.Fault("gcp"));
        Assert.Null(gcp.Fault("aws"));
        Assert.Equal("AES_GCM_16-256", aws.Installed("gcp")!.Encryption);
        Assert.Equal(["10.10.1.0/24", "10.252.0.0/24"], aws.Installed("gcp")!.LocalTs);
        Assert.Equal(["10.10.2.0/24", "10.252.0.0/24"], aws.Installed("gcp")!.RemoteTs);
    }

    [Fact]
    public async Task Up_Key_IsPrivateOnTheMachineAndOnGatewaysAndInNoInventory()
    {
        var psk = (await File.ReadAllTextAsync(cloud.Cloud.PskPath)).Trim();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cloud.Cloud.PskPath));
        Assert.DoesNotContain(psk, await File.ReadAllTextAsync(cloud.Cloud.InventoryPath));
        foreach (var gateway in new[] { "aws-gw", "gcp-gw" })
        {
            Assert.Equal("600 600", await cloud.RunAsync(gateway, "sh", "-c", "echo $(stat -c %a /etc/swanctl/conf.d/ferry.conf /etc/strongswan.d/ferry.conf)"));
            Assert.Equal("1", await cloud.RunAsync(gateway, "grep", "-c", psk, "/etc/swanctl/conf.d/ferry.conf"));
            Assert.Equal("0", await cloud.RunAsync(gateway, "sh", "-c", $"cat /var/log/charon.log /var/log/charon.out | grep -c {psk}; true"));
        }
    }

    [Fact]
    public async Task VpnUp_SecondTime_KeepsTheSameSas()
    {
        await cloud.RunAsync("aws-w1", "ping", "-c1", "-W2", "10.10.2.10");
        var before = await ChildAsync("aws-gw", "gcp");

        await cloud.Cloud.StartVpnAsync(cloud.Inventory);

        var status = await cloud.Probe.QueryAsync(cloud.Inventory.Host("aws-gw"));
        var child = Assert.Single(Assert.Single(status.Sas).Children);
        Assert.True(child.PacketsOut >= before.PacketsOut && before.PacketsOut > 0, $"the child SA was replaced: {before.PacketsOut} packets out before, {child.PacketsOut} after");
    }

    [Fact]
    public async Task TrafficBetweenSites_GrowsBothGatewaysSaCounters()
    {
        const long bytes = 2_000_000;
        var before = await ChildAsync("aws-gw", "gcp");
        var peerBefore = await ChildAsync("gcp-gw", "aws");

        await SendAsync("aws-w1", "gcp-w1", $"head -c {bytes} /dev/urandom");

        var after = await ChildAsync("aws-gw", "gcp");
        var peerAfter = await ChildAsync("gcp-gw", "aws");
        Assert.True(after.BytesOut - before.BytesOut >= bytes, $"aws-gw sent {after.BytesOut - before.BytesOut} bytes into the tunnel for {bytes}");
        Assert.True(peerAfter.BytesIn - peerBefore.BytesIn >= bytes, $"gcp-gw took {peerAfter.BytesIn - peerBefore.BytesIn} bytes out of the tunnel for {bytes}");
        Assert.True(after.PacketsOut > before.PacketsOut);
    }

    [Fact]
    public async Task MarkerSentBetweenWorkloads_CrossesTheInternetOnlyInsideEsp()
    {
        var marker = $"FERRY-PLAINTEXT-MARKER-{Guid.NewGuid():N}";
        await using var capture = await cloud.CaptureWanAsync("aws-gw");

        var control = $"FERRY-CONTROL-MARKER-{Guid.NewGuid():N}";

        await SendAsync("aws-w1", "gcp-w1", $"for i in $(seq 2000); do echo {marker}; done");
        // A control on the same wire but outside the tunnel (front to aws-gw's public address): it must show.
        await SendAsync("front", "aws-gw", $"echo {control}", cloud.Inventory.Host("aws-gw").PublicIp);
        await capture.StopAsync();

        Assert.True(capture.Contains(control), "the capture does not see plaintext at all, so it proves nothing");

        Assert.Equal(marker, await cloud.RunAsync("gcp-w1", "head", "-n", "1", "/tmp/received"));
        Assert.False(capture.Contains(marker), $"the marker crossed the internet segment in the clear (capture {capture.Path})");
        var esp = (await capture.PacketsAsync(Esp)).Count;
        Assert.True(esp > 10, $"only {esp} ESP packets of {(await capture.PacketsAsync("ip")).Count} on the internet segment ({capture.Bytes} bytes captured)");
        Assert.Empty(await capture.PacketsAsync($"{ClearBetweenSites} and not (host {cloud.Inventory.Host("front").PublicIp} and port 5002)"));
    }

    [Fact]
    public async Task CharonDownOnOneGateway_CutsThePathAndTheGuardRefuses()
    {
        var from = cloud.Inventory.Host(cloud.Where("redis"));
        var to = cloud.Inventory.Host(from.Name == "aws-w1" ? "gcp-w1" : "aws-w1");
        try
        {
            await cloud.RunAsync("gcp-gw", "sh", "-c", "kill -KILL $(cat /run/ferry-charon.pid); sleep 0.5");

            Assert.Equal("no", await cloud.RunAsync("aws-w1", "sh", "-c", "ping -c2 -W1 10.10.2.10 >/dev/null 2>&1 && echo yes || echo no"));
            Assert.Equal("no", await cloud.RunAsync("gcp-gw", "sh", "-c", "ip route get 10.10.1.10 >/dev/null 2>&1 && echo yes || echo no"));
            var result = await cloud.MigrateAsync(to.Name, StrategyKind.PageServer);

            Assert.Equal(MigrationOutcome.Refused, result.Outcome);
            Assert.Equal(from.Name, result.RunningOn);
            Assert.Equal(
                $"refusing to send redis's state from {from.Name} (site {from.Site}) to {to.Name} (site {to.Site}) in the clear: the VPN between {from.Site} and {to.Site} is not up " +
                "(gcp-gw: charon is not running); bring it up with 'ferry vpn up' and check it with 'ferry vpn status'",
                result.Reason);
            Assert.Equal(from.Name, cloud.Where("redis"));
        }
        finally
        {
            await cloud.Cloud.StartVpnAsync(cloud.Inventory);
        }

        Assert.Equal("yes", await cloud.RunAsync("aws-w1", "sh", "-c", "ping -c2 -W2 10.10.2.10 >/dev/null 2>&1 && echo yes || echo no"));
    }

    [Fact]
    public async Task CharonDownOnTheFrontsGateway_AppInTheOtherSiteGetsNothingInTheClearAndAnswersAgainAfterVpnUp()
    {
        var front = cloud.Inventory.Host("front");
        var away = cloud.Inventory.WithRole(HostRole.Workload).First(w => w.Site != front.Site);
        var gateway = cloud.Inventory.WithRole(HostRole.Gateway).Single(g => g.Site == front.Site);
        if (cloud.Where("redis") != away.Name)
        {
            var moved = await cloud.MigrateAsync(away.Name, StrategyKind.Cold);
            Assert.True(moved.Outcome == MigrationOutcome.Succeeded, moved.Reason);
        }

        var marker = $"FERRY-DOWN-MARKER-{Guid.NewGuid():N}";
        var control = $"FERRY-CONTROL-MARKER-{Guid.NewGuid():N}";
        Assert.Equal("PONG", await cloud.RunAsync("client", "redis-cli", "-h", front.PublicIp!, "PING"));
        await using var capture = await cloud.CaptureWanAsync(gateway.Name);
        try
        {
            await cloud.RunAsync(gateway.Name, "sh", "-c", "kill -KILL $(cat /run/ferry-charon.pid); sleep 0.5");

            // Through the front, and from the front itself: no answer, and the request is not sent in the clear.
            var viaFront = await cloud.RunAsync("client", "sh", "-c", $"timeout 5 redis-cli -h {front.PublicIp} ECHO {marker} 2>&1; true");
            var fromFront = await cloud.RunAsync("front", "sh", "-c", $"timeout 5 redis-cli -h 10.252.0.20 ECHO {marker} 2>&1; true");
            Assert.DoesNotContain(marker, viaFront);
            Assert.DoesNotContain(marker, fromFront);
            await SendAsync("front", gateway.Name, $"echo {control}", gateway.PublicIp);
        }
        finally
        {
            await cloud.Cloud.StartVpnAsync(cloud.Inventory);
        }

        await capture.StopAsync();
        Assert.True(capture.Contains(control), "the capture does not see plaintext at all, so it proves nothing");
        Assert.False(capture.Contains(marker), $"the front's request crossed the internet segment in the clear while the tunnel was down (capture {capture.Path})");
        Assert.Equal(marker, await cloud.RunAsync("client", "redis-cli", "-h", front.PublicIp!, "ECHO", marker));
    }

    [Fact]
    public async Task InsecureDirect_BetweenSites_IsRefused()
    {
        var result = await cloud.MigrateAsync(cloud.Where("redis") == "aws-w1" ? "gcp-w1" : "aws-w1", StrategyKind.Cold, insecureDirect: true);

        Assert.Equal(MigrationOutcome.Refused, result.Outcome);
        Assert.StartsWith("--insecure-direct is allowed only for moves inside one site;", result.Reason);
    }

    [Fact]
    public async Task Migrate_RedisBetweenSites_NoMarkerInClearAndEveryByteInEsp()
    {
        var marker = $"FERRY-REDIS-MARKER-{Guid.NewGuid():N}";
        await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "SET", "marker", marker);
        var from = cloud.Where("redis");
        var to = from == "aws-w1" ? "gcp-w1" : "aws-w1";
        var before = await ChildAsync("aws-gw", "gcp");
        await using var capture = await cloud.CaptureWanAsync("aws-gw");

        var result = await cloud.MigrateAsync(to, StrategyKind.PageServer);
        await capture.StopAsync();

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.False(capture.Contains(marker), $"redis's marker crossed the internet segment in the clear (capture {capture.Path})");
        var clear = await capture.PacketsAsync(ClearBetweenSites);
        Assert.True(clear.Count == 0, string.Join('\n', clear.Take(5)));
        var after = await ChildAsync("aws-gw", "gcp");
        var tunnelled = after.BytesOut + after.BytesIn - before.BytesOut - before.BytesIn;
        Assert.True(tunnelled >= VpnFixture.RedisDataMb * 1_000_000L, $"only {tunnelled} bytes crossed the tunnel for {VpnFixture.RedisDataMb} MB of redis data");
        Assert.Equal(marker, await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "GET", "marker"));
        Assert.Equal(to, cloud.Where("redis"));
    }

    [Fact]
    public async Task Capture_RedisMovedBetweenSitesUnder50Clients_NoAppPayloadCrossesTheInternetInTheClearButClientToFront()
    {
        var front = cloud.Inventory.Host("front");
        var home = cloud.Inventory.WithRole(HostRole.Workload).First(w => w.Site == front.Site);
        if (cloud.Where("redis") != home.Name)
        {
            var back = await cloud.MigrateAsync(home.Name, StrategyKind.Cold);
            Assert.True(back.Outcome == MigrationOutcome.Succeeded, back.Reason);
        }

        await AppPayloadCapture.MoveAndAssertAsync(cloud.Inventory, cloud.Remote, cloud.Migrator, cloud.Recorder, cloud.Redis, StrategyKind.Lazy, cloud.RunAsync,
            () => PacketCapture.StartAsync(new LocalNames(cloud.Stack.Name).FabricNamespace, LocalNames.InternetBridge));
    }

    private async Task<ChildSa> ChildAsync(string gateway, string child) =>
        (await cloud.Probe.QueryAsync(cloud.Inventory.Host(gateway))).Installed(child)
        ?? throw new InvalidOperationException($"{gateway} has no installed child SA {child}");

    /// <summary>Sends what <paramref name="producer"/> prints from one workload to another over plain TCP (socat), into /tmp/received.</summary>
    private async Task SendAsync(string from, string to, string producer, string? address = null)
    {
        await cloud.RunAsync(to, "sh", "-c", "(timeout 60 socat -u TCP-LISTEN:5002,reuseaddr OPEN:/tmp/received,creat,trunc >/dev/null 2>&1 &) ; sleep 0.3");
        await cloud.RunAsync(from, "sh", "-c", $"{producer} | socat -u - TCP:{address ?? cloud.Inventory.Host(to).PrivateIp}:5002");
        await Task.Delay(300);
    }
}

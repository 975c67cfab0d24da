using System.Text;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Vpn;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>
/// The capture check a local cloud and its twins share: redis moves from the front's site to the other one
/// under 50 probe clients plus a client sending marked requests and reading a marked value, while the internet
/// segment is captured. Application payload may cross in the clear only between the client and the front;
/// afterwards the answers to the front grow the front-side gateway's inbound SA counter.
/// </summary>
public static class AppPayloadCapture
{
    /// <param name="run">Runs a command on a host of the stack and returns its output.</param>
    /// <param name="startCapture">Starts a capture of the whole internet segment.</param>
    public static async Task MoveAndAssertAsync(
        HostInventory inventory, RemoteContext remote, Migrator migrator, RunRecorder recorder, AppDefinition redis, StrategyKind strategy,
        Func<string, string[], Task<string>> run, Func<Task<PacketCapture>> startCapture)
    {
        var front = inventory.WithRole(HostRole.Front).Single();
        var client = inventory.WithRole(HostRole.Client).Single();
        var home = inventory.WithRole(HostRole.Workload).First(w => w.Site == front.Site);
        var away = inventory.WithRole(HostRole.Workload).First(w => w.Site != front.Site);
        var gateway = inventory.WithRole(HostRole.Gateway).Single(g => g.Site == front.Site);
        var awayGateway = inventory.WithRole(HostRole.Gateway).Single(g => g.Site == away.Site);
        var frontIp = front.PublicIp!;
        var id = Guid.NewGuid().ToString("N");
        // The marked value replaces a loaded one (the probe reads keys below the key count, each 4096 bytes).
        const string key = "key:0";
        var answer = $"FERRYANS{id}" + new string('x', 4096 - 40);
        byte[][] payloads = [Encoding.ASCII.GetBytes($"FERRYREQ{id}"), Encoding.ASCII.GetBytes($"FERRYANS{id}"), "GET key:"u8.ToArray(), "$4096\r\n"u8.ToArray()];
        await run(client.Name, ["redis-cli", "-h", frontIp, "SET", key, answer]);
        await using var capture = await startCapture();
        await run(client.Name, ["sh", "-c", $"(for i in $(seq 300); do redis-cli -h {frontIp} ECHO FERRYREQ{id} >/dev/null; redis-cli -h {frontIp} GET {key} >/dev/null; sleep 0.02; done) >/dev/null 2>&1 &"]);

        var result = await recorder.RecordAsync(
            new ProbedMigration(migrator, new ClientProbe(remote, inventory), new ProbeOptions(50, Seconds: 60)),
            new MigrationRequest(redis, home.Name, away.Name, strategy));
        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.True(result.Probe!.Failed == 0, $"{result.Probe.Failed} failed: {string.Join(", ", result.Probe.Failures.Select(f => $"{f.Key} x{f.Value}"))}");

        // The application now runs in the other site: each answer to the front crosses in the tunnel.
        var before = (await new VpnProbe(remote).QueryAsync(gateway)).Installed(away.Site)!;
        var received = long.Parse(await run(client.Name, ["sh", "-c", $"for i in $(seq 100); do redis-cli -h {frontIp} GET {key}; done | wc -c"]));
        var after = (await new VpnProbe(remote).QueryAsync(gateway)).Installed(away.Site)!;
        await capture.StopAsync();
        var packets = capture.Packets();

        Assert.True(received >= 100 * 4096, $"{received} bytes of answers");
        Assert.True(after.BytesIn - before.BytesIn >= 100 * 4096, $"the tunnel into {gateway.Name} carried {after.BytesIn - before.BytesIn} bytes for {100 * 4096} bytes of answers");
        // The control: the one hop in the clear, client to front, shows every kind of payload, so the capture sees them.
        var clientHop = packets.Where(p => p.Between(client.PublicIp!, frontIp)).ToList();
        Assert.All(payloads, marker => Assert.Contains(clientHop, p => p.Contains(marker)));
        var inTheClear = packets.Where(p => !p.Between(client.PublicIp!, frontIp) && payloads.Any(p.Contains)).ToList();
        Assert.True(inTheClear.Count == 0, "application payload in the clear: " + string.Join("; ", inTheClear.Take(5).Select(p => $"{p.Source} > {p.Destination} proto {p.Protocol}")));
        Assert.Contains(packets, p => p.Protocol == 17 && p.Between(gateway.PublicIp!, awayGateway.PublicIp!));
    }
}

using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>The figures of a probed move: what the clients of the app file's probe saw, over stated windows.</summary>
[Collection(MigrationCollection.Name)]
public class ProbeFigureTests(MigrationFixture cloud)
{
    private const string Checksum =
        "local keys = redis.call('KEYS', '*') table.sort(keys) local acc = '' " +
        "for _, k in ipairs(keys) do acc = redis.sha1hex(acc .. k .. redis.call('GET', k)) end return {#keys, acc}";

    [Fact]
    public async Task Migrate_RedisLazyUnderProbe_ReportsGapAndLatencyOverStatedWindowsAndKeepsEveryKey()
    {
        var from = cloud.Where("redis");
        var checksum = await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", Checksum, "0");
        var probed = new ProbedMigration(cloud.Migrator, new ClientProbe(cloud.Remote, cloud.Inventory), new ProbeOptions(20, Seconds: 120));

        var result = await cloud.Recorder.RecordAsync(probed, new MigrationRequest(cloud.Redis, from, MigrationFixture.Other(from), StrategyKind.Lazy));

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Equal(checksum, await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", Checksum, "0"));
        Assert.NotNull(result.FreezeSeconds);
        Assert.NotNull(result.DowntimeSeconds);
        Assert.NotNull(result.DegradedSeconds);
        var probe = Assert.IsType<ProbeSummary>(result.Probe);
        // Every GET read a whole 4096-byte value somewhere in the data set: none missing, none failed.
        Assert.True(probe.Requests > 100, $"{probe.Requests} requests");
        Assert.True(probe.Failed == 0, $"{probe.Failed} failed: {string.Join(", ", probe.Failures.Select(f => $"{f.Value}× {f.Key}"))}");
        Assert.True(probe.ClientGapSeconds >= result.FreezeSeconds, $"client gap {probe.ClientGapSeconds} s < freeze {result.FreezeSeconds} s");
        Assert.StartsWith("requests that started from 1 s before the freeze", probe.Latency.Window.Basis);
        // Windows are reported to the millisecond, figures to 0.1 ms: they agree within the coarser rounding.
        Assert.Equal(result.DowntimeSeconds!.Value + 2, probe.Latency.Window.Seconds, tolerance: 0.0011);
        Assert.NotNull(probe.P99Ms);
        var degraded = Assert.IsType<ProbeLatency>(probe.Degraded);
        Assert.Equal(result.DegradedSeconds!.Value, degraded.Window.Seconds, tolerance: 0.0011);
        var json = result.ToJson();
        Assert.Contains("\"clientGapSeconds\"", json);
        Assert.Contains("\"degradedSeconds\"", json);
    }
}

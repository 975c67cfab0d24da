using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Sampling;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

[Collection(MigrationCollection.Name)]
public class StrategyTests(MigrationFixture cloud)
{
    /// <summary>A Lua script that returns redis's key count and a checksum over every key and value.</summary>
    internal const string Checksum =
        "local keys = redis.call('KEYS', '*') table.sort(keys) local acc = '' " +
        "for _, k in ipairs(keys) do acc = redis.sha1hex(acc .. k .. redis.call('GET', k)) end return {#keys, acc}";

    // A client that keeps one TCP connection to redis and pings over it whenever told to, never reconnecting.
    private const string Holder = """
        import socket, sys
        s = socket.create_connection((sys.argv[1], 6379))
        out = open(sys.argv[3], "a", buffering=1)
        def ping():
            s.sendall(b"PING\r\n"); data = b""
            while not data.endswith(b"\r\n"):
                chunk = s.recv(100)
                if not chunk: return "closed"
                data += chunk
            return data.decode().strip()
        out.write(f"{s.getsockname()[1]} {ping()}\n")
        while True:
            with open(sys.argv[2]) as f: line = f.readline().strip()
            # Reopened while the last writer still held the fifo, it reads nothing: no command.
            if not line: continue
            if line == "quit": break
            try: out.write(f"{s.getsockname()[1]} {ping()}\n")
            except Exception as e: out.write(f"error {e!r}\n")
        """;

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.Precopy)]
    [InlineData(StrategyKind.PageServer)]
    [InlineData(StrategyKind.Lazy)]
    [InlineData(StrategyKind.Hybrid)]
    public async Task Migrate_Counter_ContinuesFromItsValue(StrategyKind strategy)
    {
        var from = cloud.Where("counter");
        await cloud.IncrementAsync();
        var before = await cloud.IncrementAsync();

        var result = await cloud.MigrateAsync(cloud.Counter, strategy);

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Equal(strategy.ToString().ToLowerInvariant(), result.Strategy);
        Assert.Equal(MigrationFixture.Other(from), result.RunningOn);
        Assert.Equal(before + 1, await cloud.IncrementAsync());
        Assert.NotNull(result.FreezeSeconds);
        Assert.NotNull(result.DowntimeSeconds);
        Assert.True(result.DowntimeSeconds >= result.FreezeSeconds, $"downtime {result.DowntimeSeconds} < freeze {result.FreezeSeconds}");
        Assert.True(result.BytesSent > 0);
        Assert.Equal("", await cloud.LeftoversAsync(from, "counter"));
        Assert.True(File.Exists(Path.Combine(cloud.Runs, result.Id, "result.json")));
    }

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.Precopy)]
    [InlineData(StrategyKind.PageServer)]
    [InlineData(StrategyKind.Lazy)]
    [InlineData(StrategyKind.Hybrid)]
    public async Task Migrate_Redis_KeepsEveryKeyAndTheOpenConnection(StrategyKind strategy)
    {
        var checksum = await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", Checksum, "0");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (fifo, output) = ($"/tmp/holder-{tag}.fifo", $"/tmp/holder-{tag}.out");
        await cloud.RunAsync("front", "mkfifo", fifo);
        await cloud.RunAsync("front", "sh", "-c", "setsid python3 -c \"$0\" 10.252.0.20 \"$1\" \"$2\" </dev/null >/dev/null 2>&1 & sleep 0.5", Holder, fifo, output);
        var opened = await cloud.RunAsync("front", "cat", output);

        var result = await cloud.MigrateAsync(cloud.Redis, strategy);

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Equal(checksum, await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", Checksum, "0"));
        Assert.StartsWith($"{MigrationFixture.RedisDataMb * 256}\n", checksum);
        await cloud.RunAsync("front", "sh", "-c", "echo ping > \"$0\"; sleep 0.5; echo quit > \"$0\"", fifo);
        var lines = (await cloud.RunAsync("front", "cat", output)).Split('\n');
        var port = opened.Split(' ')[0];
        Assert.Equal([$"{port} +PONG", $"{port} +PONG"], lines);
    }

    [Fact]
    public async Task Migrate_Auto_ChoosesFromWhatItMeasuredAndRecordsWhy()
    {
        var before = await cloud.IncrementAsync();

        var result = await cloud.MigrateAsync(cloud.Counter, StrategyKind.Auto);

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Equal(before + 1, await cloud.IncrementAsync());
        var sample = Assert.IsType<AppSample>(result.Sample);
        Assert.InRange(sample.MemoryBytes, 1 << 20, 128L << 20);
        // The fixture's migrator is not told the stack's rate: it measures the 100 Mbit/s link through the tunnel.
        Assert.Equal(AppSample.Measured, sample.LinkSource);
        Assert.InRange(sample.LinkBytesPerSecond, 2e6, 13e6);
        Assert.StartsWith($"{sample.Describe()}; longest client wait expected: ", result.StrategyReason);
        var (strategy, why) = StrategyChooser.Choose(StrategyKind.Auto, result.Hosts[0], result.Hosts[1], sample);
        Assert.Equal((strategy!.Name, why), (result.Strategy, result.StrategyReason));
        var saved = MigrationResult.FromJson(await File.ReadAllTextAsync(Path.Combine(cloud.Runs, result.Id, "result.json")));
        Assert.Equal((result.Strategy, result.StrategyReason, sample), (saved.Strategy, saved.StrategyReason, saved.Sample));
        // What memory costs on each host, measured with its facts, is kept with the result.
        Assert.All(saved.Hosts, h => Assert.True(h.MemoryCosts is { Cpus: > 0, FaultMsPerGiB: > 0, FirstTouchMsPerGiB: >= 0 }, $"{h.Host}: {h.MemoryCosts}"));
    }
}

using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Xunit.Abstractions;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>
/// A client connected straight to the application (not through the front) across a long freeze: its TCP
/// retransmission timer backs off while the app is frozen, and must not make it wait much past the freeze.
/// </summary>
[Collection(MigrationCollection.Name)]
public class DirectClientTests(MigrationFixture cloud, ITestOutputHelper output)
{
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(10);

    // One keep-alive connection to the counter, a /peek every 50 ms; at the stop file it writes the longest
    // time between two answers, the number of answers, its local port (the same connection throughout) and any error.
    private const string Client = """
        import os, socket, sys, time
        s = socket.create_connection((sys.argv[1], 8080)); port = s.getsockname()[1]
        last = time.time(); worst = 0.0; answers = 0; error = ""
        while not os.path.exists(sys.argv[2]):
            try:
                s.sendall(b"GET /peek HTTP/1.1\r\nHost: direct\r\n\r\n"); data = b""
                while not (b"\r\n\r\n" in data and data.endswith(b"\n")):
                    chunk = s.recv(4096)
                    if not chunk: raise EOFError("closed")
                    data += chunk
            except Exception as e:
                error = repr(e); break
            now = time.time(); worst = max(worst, now - last); last = now; answers += 1
            time.sleep(0.05)
        open(sys.argv[3] + ".tmp", "w").write(f"{worst:.3f} {answers} {port} {error}".strip())
        os.rename(sys.argv[3] + ".tmp", sys.argv[3])
        """;

    private async Task<(double Gap, int Answers, string Error)> WithDirectClientAsync(Func<Task> move)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (stop, output) = ($"/tmp/direct-{tag}.stop", $"/tmp/direct-{tag}.out");
        await cloud.RunAsync("client", "sh", "-c", "setsid python3 -c \"$0\" 10.252.0.10 \"$1\" \"$2\" </dev/null >/dev/null 2>&1 & sleep 0.5", Client, stop, output);
        try
        {
            await move();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            await cloud.RunAsync("client", "sh", "-c", "touch \"$0\"; for i in $(seq 100); do [ -f \"$1\" ] && break; sleep 0.1; done", stop, output);
        }

        var parts = (await cloud.RunAsync("client", "sh", "-c", "cat \"$1\"; rm -f \"$0\" \"$1\"", stop, output)).Split(' ', 4);
        return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1]), parts.Length > 3 ? parts[3] : "");
    }

    /// <summary>Holds the engine after <paramref name="step"/> succeeds: the application stays frozen that much longer.</summary>
    private static Action<StepEvent> HoldAfter(StepKind step, Action? then = null) => e =>
    {
        if (e is { Phase: StepEventPhase.Finished, Result.Status: StepStatus.Succeeded } && e.Result.Kind == step)
        {
            Thread.Sleep(Freeze);
            then?.Invoke();
        }
    };

    [Fact]
    public async Task Migrate_ColdWithTenSecondFreeze_DirectClientWaitsAtMostHalfASecondLonger()
    {
        MigrationResult? result = null;

        var (gap, answers, error) = await WithDirectClientAsync(async () => result = await cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold, HoldAfter(StepKind.Checkpoint)));

        output.WriteLine($"cold: freeze {result!.FreezeSeconds} s, downtime {result.DowntimeSeconds} s, direct client's longest gap {gap} s");
        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Equal("", error);
        Assert.True(answers > 20, $"{answers} answers");
        Assert.True(result.FreezeSeconds >= Freeze.TotalSeconds, $"freeze {result.FreezeSeconds} s");
        Assert.True(gap <= result.FreezeSeconds + 0.5, $"the direct client waited {gap} s across a {result.FreezeSeconds} s freeze");
    }

    [Fact]
    public async Task Migrate_RolledBackAfterTenSecondFreeze_DirectClientWaitsAtMostHalfASecondLonger()
    {
        var from = cloud.Where("counter");
        var to = MigrationFixture.Other(from);
        MigrationResult? result = null;

        // The images on the target are damaged after the transfer: the restore fails and the source resumes.
        var (gap, _, error) = await WithDirectClientAsync(async () => result = await cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold, HoldAfter(StepKind.Transfer,
            () => cloud.RunNow(to, "sh", "-c", $"for f in /var/lib/ferry/migrate/{cloud.LatestRun()}/*/core-*.img; do printf garbage > \"$f\"; done"))));

        output.WriteLine($"rolled back: freeze {result!.FreezeSeconds} s, downtime {result.DowntimeSeconds} s, direct client's longest gap {gap} s");
        Assert.Equal(MigrationOutcome.RolledBack, result.Outcome);
        Assert.Equal(from, result.RunningOn);
        Assert.Equal("", error);
        Assert.True(result.FreezeSeconds >= Freeze.TotalSeconds, $"freeze {result.FreezeSeconds} s");
        Assert.True(gap <= result.FreezeSeconds + 0.5, $"the direct client waited {gap} s across a {result.FreezeSeconds} s freeze that was rolled back");
    }
}

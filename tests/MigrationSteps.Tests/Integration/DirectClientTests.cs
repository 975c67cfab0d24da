using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Xunit.Abstractions;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>
/// A client connected straight to the application (not through the front) across a long freeze: its TCP
/// retransmission timer backs off while the app is frozen, and must not make it wait much past the downtime
/// (the restore, and for a move the cut-over that routes the app's address to the target: no request of
/// the client's can reach the app before that).
/// </summary>
[Collection(MigrationCollection.Name)]
public class DirectClientTests(MigrationFixture cloud, ITestOutputHelper output)
{
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(10);

    // One keep-alive connection to the counter, idle until the go file appears (the test makes it while the
    // application is frozen and its network locked, so the request is surely lost and the client's timer backs
    // off), then a /peek every 50 ms; at the stop file it writes when the first request was sent and answered
    // (epoch seconds), the number of answers and any error.
    private const string Client = """
        import os, socket, sys, time
        s = socket.create_connection((sys.argv[1], 8080))
        while not os.path.exists(sys.argv[4]) and not os.path.exists(sys.argv[2]): time.sleep(0.01)
        sent = time.time(); first = 0.0; answers = 0; error = ""
        while not os.path.exists(sys.argv[2]):
            try:
                s.sendall(b"GET /peek HTTP/1.1\r\nHost: direct\r\n\r\n"); data = b""
                while not (b"\r\n\r\n" in data and data.endswith(b"\n")):
                    chunk = s.recv(4096)
                    if not chunk: raise EOFError("closed")
                    data += chunk
            except Exception as e:
                error = repr(e); break
            answers += 1; first = first or time.time()
            time.sleep(0.05)
        open(sys.argv[3] + ".tmp", "w").write(f"{sent:.3f} {first:.3f} {answers} {error}".strip())
        os.rename(sys.argv[3] + ".tmp", sys.argv[3])
        """;

    /// <returns>How long after the downtime ended the client's first request was answered (it was sent during the freeze), and the rest of its report.</returns>
    private async Task<(double Late, int Answers, string Error)> WithDirectClientAsync(Func<string, Task<MigrationResult>> move)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (stop, output, go) = ($"/tmp/direct-{tag}.stop", $"/tmp/direct-{tag}.out", $"/tmp/direct-{tag}.go");
        await cloud.RunAsync("client", "sh", "-c", "setsid python3 -c \"$0\" 10.252.0.10 \"$1\" \"$2\" \"$3\" </dev/null >/dev/null 2>&1 & sleep 0.5", Client, stop, output, go);
        MigrationResult result;
        try
        {
            result = await move(go);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            await cloud.RunAsync("client", "sh", "-c", "touch \"$0\"; for i in $(seq 100); do [ -f \"$1\" ] && break; sleep 0.1; done", stop, output);
        }

        var parts = (await cloud.RunAsync("client", "sh", "-c", "cat \"$1\"; rm -f \"$0\" \"$1\" \"$2\"", stop, output, go)).Split(' ', 4);
        double Number(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var freezeStart = Number(result.Steps.Single(s => s.Kind == StepKind.Checkpoint).Metrics["freeze_start"]);
        Assert.True(Number(parts[0]) > freezeStart, "the client's request was sent before the freeze");
        return (Math.Round(Number(parts[1]) - (freezeStart + result.DowntimeSeconds!.Value), 3), int.Parse(parts[2]), parts.Length > 3 ? parts[3] : "");
    }

    /// <summary>Holds the engine after <paramref name="step"/> succeeds: the application stays frozen that much longer.</summary>
    private Action<StepEvent> HoldAfter(StepKind step, string go, Action? then = null) => e =>
    {
        if (e is { Phase: StepEventPhase.Finished, Result.Status: StepStatus.Succeeded } && e.Result.Kind == step)
        {
            cloud.RunNow("client", "touch", go);
            Thread.Sleep(Freeze);
            then?.Invoke();
        }
    };

    [Fact]
    public async Task Migrate_ColdWithTenSecondFreeze_DirectClientAnsweredAtMostHalfASecondAfterTheDowntime()
    {
        MigrationResult? result = null;

        var (late, answers, error) = await WithDirectClientAsync(async go => result = await cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold, HoldAfter(StepKind.Checkpoint, go)));

        output.WriteLine($"cold: freeze {result!.FreezeSeconds} s, downtime {result.DowntimeSeconds} s, the direct client's request sent during the freeze was answered {late} s after the downtime ended");
        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Equal("", error);
        Assert.True(answers > 5, $"{answers} answers");
        Assert.True(result.FreezeSeconds >= Freeze.TotalSeconds, $"freeze {result.FreezeSeconds} s");
        Assert.True(late <= 0.5, $"the direct client's request was answered {late} s after a {result.DowntimeSeconds} s downtime ended");
    }

    [Fact]
    public async Task Migrate_RolledBackAfterTenSecondFreeze_DirectClientAnsweredAtMostHalfASecondAfterTheDowntime()
    {
        var from = cloud.Where("counter");
        var to = MigrationFixture.Other(from);
        MigrationResult? result = null;

        // The images on the target are damaged after the transfer: the restore fails and the source resumes.
        var (late, _, error) = await WithDirectClientAsync(async go => result = await cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold, HoldAfter(StepKind.Transfer, go,
            () => cloud.RunNow(to, "sh", "-c", $"for f in /var/lib/ferry/migrate/{cloud.LatestRun()}/*/core-*.img; do printf garbage > \"$f\"; done"))));

        output.WriteLine($"rolled back: freeze {result!.FreezeSeconds} s, downtime {result.DowntimeSeconds} s, the direct client's request sent during the freeze was answered {late} s after the downtime ended");
        Assert.Equal(MigrationOutcome.RolledBack, result.Outcome);
        Assert.Equal(from, result.RunningOn);
        Assert.Equal("", error);
        Assert.True(result.FreezeSeconds >= Freeze.TotalSeconds, $"freeze {result.FreezeSeconds} s");
        Assert.True(late <= 0.5, $"the direct client's request was answered {late} s after a {result.DowntimeSeconds} s downtime (rolled back) ended");
    }
}

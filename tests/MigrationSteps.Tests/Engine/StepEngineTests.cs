using System.Diagnostics;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;

namespace Ferry.MigrationSteps.Tests.Engine;

public sealed class StepEngineTests : IDisposable
{
    private readonly TempTemplates _templates = new();
    private readonly FakeRemoteShell _shell = new();
    private readonly string _logs = Path.Combine(Directory.CreateTempSubdirectory("ferry-logs-").FullName, "logs");

    public void Dispose()
    {
        _templates.Dispose();
        Directory.Delete(Path.GetDirectoryName(_logs)!, recursive: true);
    }

    private Task<EngineRun> RunAsync(StrategyKind strategy, Action<StepEvent>? progress = null) =>
        new StepEngine(new RemoteContext(_shell, _templates.Renderer()), FakeInventory.Create()) { RetryDelays = [TimeSpan.Zero] }.RunAsync(TestModel.Plan(strategy), _logs, progress);

    private static Dictionary<string, StepStatus> Statuses(EngineRun run) => run.Steps.ToDictionary(s => s.Id, s => s.Status);

    [Fact]
    public async Task RunAsync_AllSucceed_ForwardInDependencyOrderThenCleanup()
    {
        var run = await RunAsync(StrategyKind.Precopy);

        Assert.True(run.Succeeded);
        Assert.Equal(
            ["prepare-target@gcp-w1", "pre-dump@aws-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1", "restore@gcp-w1"],
            _shell.Calls.Take(6));
        // The cut-overs start together, in no particular order.
        Assert.Equal(["cut-over@aws-gw", "cut-over@client", "cut-over@front", "cut-over@gcp-gw"], _shell.Calls.Skip(6).Take(4).Order());
        Assert.Equal(["cleanup-source@aws-w1", "cleanup-target@gcp-w1", "release@front"], _shell.Calls.Skip(10).Order());
        Assert.Equal(13, _shell.Calls.Count);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["release@front"]);
        Assert.Equal(StepStatus.Skipped, Statuses(run)["rollback-source@aws-w1"]);
        Assert.Equal(StepStatus.Skipped, Statuses(run)["rollback-target@gcp-w1"]);
    }

    [Fact]
    public async Task RunAsync_StepWithAGate_IsArmedWhileTheStepBeforeItRunsAndStartsOnlyAfterIt()
    {
        _templates.Write("migrate/restore.sh", "restore\n" + ScriptGate.Line + "\nfi\n");
        var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _shell.On("transfer@aws-w1", async _ =>
        {
            // The transfer ends only once the restore after it is armed: armed at its end, this would hang.
            while (!_shell.Events.Contains("arm restore@gcp-w1"))
            {
                await Task.Delay(10);
            }

            return FakeRemoteShell.Ok();
        });

        var run = await RunAsync(StrategyKind.Cold);

        Assert.True(run.Succeeded);
        var events = _shell.Events.ToList();
        Assert.True(events.IndexOf("arm restore@gcp-w1") > events.IndexOf("end checkpoint@aws-w1"), string.Join(", ", events));
        Assert.True(events.IndexOf("arm restore@gcp-w1") < events.IndexOf("end transfer@aws-w1"), string.Join(", ", events));
        Assert.True(events.IndexOf("start restore@gcp-w1") > events.IndexOf("end transfer@aws-w1"), string.Join(", ", events));
        Assert.DoesNotContain("arm transfer@aws-w1", events);
        Assert.DoesNotContain("disarm restore@gcp-w1", events);
    }

    [Fact]
    public async Task RunAsync_StepsWithGatesInARow_AreArmedTogetherWhileTheFirstOnesDependencyRuns()
    {
        _templates.Write("migrate/restore.sh", "restore\n" + ScriptGate.Line + "\nfi\n");
        _templates.Write("migrate/cut-over.sh", "cut-over\n" + ScriptGate.Line + "\nfi\n");
        _shell.On("transfer@aws-w1", async _ =>
        {
            // The front's cut-over waits on the other cut-overs, which wait on the restore: all armed before it runs.
            var limit = Stopwatch.StartNew();
            while (!_shell.Events.Contains("arm cut-over@front") && limit.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }

            return FakeRemoteShell.Ok();
        });

        var run = await RunAsync(StrategyKind.Cold);

        Assert.True(run.Succeeded);
        var events = _shell.Events.ToList();
        Assert.All(new[] { "restore@gcp-w1", "cut-over@aws-gw", "cut-over@gcp-gw", "cut-over@client", "cut-over@front" }, id =>
            Assert.True(events.IndexOf("arm " + id) >= 0 && events.IndexOf("arm " + id) < events.IndexOf("end transfer@aws-w1"), string.Join(", ", events)));
        Assert.True(events.IndexOf("start cut-over@front") > events.IndexOf("end cut-over@client"), string.Join(", ", events));
        Assert.DoesNotContain(events, e => e.StartsWith("disarm ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ForwardPathFails_ArmedStepIsDisarmedBeforeTheRollbackAndNeverStarts()
    {
        _templates.Write("migrate/restore.sh", "restore\n" + ScriptGate.Line + "\nfi\n");
        _shell.On("transfer@aws-w1", async _ =>
        {
            while (!_shell.Events.Contains("arm restore@gcp-w1"))
            {
                await Task.Delay(10);
            }

            return FakeRemoteShell.Fail(23, "rsync: connection unexpectedly closed");
        });

        var run = await RunAsync(StrategyKind.Cold);

        Assert.False(run.Succeeded);
        var events = _shell.Events.ToList();
        Assert.DoesNotContain("start restore@gcp-w1", events);
        Assert.True(events.IndexOf("disarm restore@gcp-w1") is var disarmed && disarmed > events.IndexOf("end transfer@aws-w1"), string.Join(", ", events));
        Assert.True(disarmed < events.IndexOf("start rollback-source@aws-w1"), string.Join(", ", events));
        Assert.Equal(StepStatus.Skipped, Statuses(run)["restore@gcp-w1"]);
    }

    [Fact]
    public async Task RunAsync_AllSucceed_ResultsInPlanOrder()
    {
        var run = await RunAsync(StrategyKind.Cold);

        Assert.Equal(TestModel.Plan(StrategyKind.Cold).Steps.Select(s => s.Id), run.Steps.Select(s => s.Id));
        Assert.Null(run.FirstFailure);
    }

    [Fact]
    public async Task RunAsync_IndependentCutOvers_AllStartBeforeAnyFinishes_TheFrontOnceTheyHaveEnded()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        foreach (var router in new[] { "aws-gw", "gcp-gw", "client" })
        {
            _shell.On($"cut-over@{router}", async _ =>
            {
                if (Interlocked.Increment(ref started) == 3)
                {
                    gate.SetResult();
                }

                // Run one at a time, the first would wait here alone; the timeout turns that hang into a failure.
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(5));
                return FakeRemoteShell.Ok();
            });
        }

        var run = await RunAsync(StrategyKind.Cold);

        Assert.True(run.Succeeded);
        var cutOverEvents = _shell.Events.Where(e => e.Contains("cut-over")).ToList();
        Assert.Equal(8, cutOverEvents.Count);
        Assert.All(cutOverEvents.Take(3), e => Assert.StartsWith("start ", e));
        Assert.All(cutOverEvents.Skip(3).Take(3), e => Assert.StartsWith("end ", e));
        Assert.Equal(["start cut-over@front", "end cut-over@front"], cutOverEvents.Skip(6));
    }

    [Fact]
    public async Task RunAsync_TransferFails_LaterForwardStepsSkippedRollbackRuns()
    {
        _shell.On("transfer@aws-w1", FakeRemoteShell.Fail(23, "rsync: connection unexpectedly closed"));

        var run = await RunAsync(StrategyKind.Cold);

        Assert.False(run.Succeeded);
        Assert.Equal(["prepare-target@gcp-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1"], _shell.Calls.Take(4));
        var after = _shell.Calls.Skip(4).ToList();
        Assert.Equal(["cleanup-target@gcp-w1", "release@front", "rollback-source@aws-w1", "rollback-target@gcp-w1"], after.Order());
        Assert.True(after.IndexOf("rollback-source@aws-w1") < after.IndexOf("release@front"), "release before the source took the app back");
        Assert.Equal(
            new Dictionary<string, StepStatus>
            {
                ["prepare-target@gcp-w1"] = StepStatus.Succeeded,
                ["hold@front"] = StepStatus.Succeeded,
                ["checkpoint@aws-w1"] = StepStatus.Succeeded,
                ["transfer@aws-w1"] = StepStatus.Failed,
                ["restore@gcp-w1"] = StepStatus.Skipped,
                ["cut-over@aws-gw"] = StepStatus.Skipped,
                ["cut-over@gcp-gw"] = StepStatus.Skipped,
                ["cut-over@front"] = StepStatus.Skipped,
                ["cut-over@client"] = StepStatus.Skipped,
                ["route-back@aws-gw"] = StepStatus.Skipped,
                ["route-back@gcp-gw"] = StepStatus.Skipped,
                ["route-back@front"] = StepStatus.Skipped,
                ["route-back@client"] = StepStatus.Skipped,
                ["rollback-source@aws-w1"] = StepStatus.Succeeded,
                ["rollback-target@gcp-w1"] = StepStatus.Succeeded,
                ["cleanup-source@aws-w1"] = StepStatus.Skipped,
                ["cleanup-target@gcp-w1"] = StepStatus.Succeeded,
                ["release@front"] = StepStatus.Succeeded,
            },
            Statuses(run));
        Assert.Equal(StepKind.Transfer, run.FirstFailure!.Kind);
        Assert.Equal("the forward path stopped at transfer@aws-w1", run.Steps.Single(s => s.Id == "restore@gcp-w1").SkipReason);
        Assert.Equal("the migration did not succeed; the source keeps its copy", run.Steps.Single(s => s.Id == "cleanup-source@aws-w1").SkipReason);
        Assert.Equal("its condition does not hold (restore@gcp-w1 completed)", run.Steps.Single(s => s.Id == "route-back@front").SkipReason);
    }

    [Fact]
    public async Task RunAsync_PrepareTargetFails_RollbackSourceSkippedBecauseNothingWasCheckpointed()
    {
        _shell.On("prepare-target@gcp-w1", FakeRemoteShell.Fail(1, "container counter-counter already exists on this host; refusing to overwrite it"));

        var run = await RunAsync(StrategyKind.Precopy);

        Assert.Equal(["prepare-target@gcp-w1", "rollback-target@gcp-w1", "cleanup-target@gcp-w1"], _shell.Calls);
        Assert.Equal(StepStatus.Skipped, Statuses(run)["pre-dump@aws-w1"]);
        Assert.Equal(StepStatus.Skipped, Statuses(run)["rollback-source@aws-w1"]);
        Assert.Equal(StepStatus.Skipped, Statuses(run)["cleanup-source@aws-w1"]);
    }

    [Fact]
    public async Task RunAsync_CutOverFails_RoutesBackSourceRestoresThenTargetGoes()
    {
        _shell.On("cut-over@front", FakeRemoteShell.Fail(1, "counter-counter does not answer on 10.252.0.10:8080"));

        var run = await RunAsync(StrategyKind.Cold);

        Assert.False(run.Succeeded);
        Assert.Equal(
            ["prepare-target@gcp-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1", "restore@gcp-w1"],
            _shell.Calls.Take(5));
        Assert.Equal(["cut-over@aws-gw", "cut-over@client", "cut-over@front", "cut-over@gcp-gw"], _shell.Calls.Skip(5).Take(4).Order());
        Assert.Equal(["route-back@aws-gw", "route-back@client", "route-back@front", "route-back@gcp-gw"], _shell.Calls.Skip(9).Take(4).Order());
        Assert.Equal("rollback-source@aws-w1", _shell.Calls.ElementAt(13));
        Assert.Equal(["release@front", "rollback-target@gcp-w1"], _shell.Calls.Skip(14).Take(2).Order());
        Assert.Equal("cleanup-target@gcp-w1", _shell.Calls.Last());
        Assert.Equal(StepStatus.Skipped, Statuses(run)["cleanup-source@aws-w1"]);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["release@front"]);
    }

    [Fact]
    public async Task RunAsync_LazyPostCopyFails_TargetStopsFirstThenRoutesBackThenSourceResumes()
    {
        _shell.On("post-copy@gcp-w1", FakeRemoteShell.Fail(1, "post-copy of counter-counter did not complete: the lazy-pages daemon exited 1"));

        var run = await RunAsync(StrategyKind.Lazy);

        Assert.False(run.Succeeded);
        Assert.Equal(StepKind.PostCopy, run.FirstFailure!.Kind);
        Assert.Equal("rollback-target@gcp-w1", _shell.Calls.ElementAt(10));
        Assert.Equal(["route-back@aws-gw", "route-back@client", "route-back@front", "route-back@gcp-gw"], _shell.Calls.Skip(11).Take(4).Order());
        Assert.Equal("rollback-source@aws-w1", _shell.Calls.ElementAt(15));
        Assert.Equal(["cleanup-target@gcp-w1", "release@front"], _shell.Calls.Skip(16).Order());
        Assert.Equal(StepStatus.Skipped, Statuses(run)["cleanup-source@aws-w1"]);
    }

    [Fact]
    public async Task RunAsync_RollbackSourceFails_TargetKeepsItsImagesReleaseStillRuns()
    {
        _shell.On("restore@gcp-w1", FakeRemoteShell.Fail(1, "runc restore of counter-counter failed:"));
        _shell.On("rollback-source@aws-w1", FakeRemoteShell.Fail(1, "fetching the pages of counter-counter back failed:"));

        var run = await RunAsync(StrategyKind.PageServer);

        Assert.Equal(
            ["prepare-target@gcp-w1", "hold@front", "checkpoint@aws-w1", "transfer@aws-w1", "restore@gcp-w1", "rollback-source@aws-w1"],
            _shell.Calls.Take(6));
        // Tried once more before it counts as failed.
        Assert.Equal(["release@front", "rollback-source@aws-w1", "rollback-target@gcp-w1"], _shell.Calls.Skip(6).Order());
        Assert.Equal(StepStatus.Failed, Statuses(run)["rollback-source@aws-w1"]);
        Assert.Equal(StepStatus.Skipped, Statuses(run)["cleanup-target@gcp-w1"]);
        Assert.Equal("its condition does not hold (rollback-source@aws-w1 not failed)", run.Step(StepKind.CleanupTarget)!.SkipReason);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["release@front"]);
        Assert.Equal(StepKind.Restore, run.FirstFailure!.Kind);
    }

    [Fact]
    public async Task RunAsync_RollbackAndCleanupFailOnceEach_SecondAttemptsSucceedAndCount()
    {
        _shell.On("restore@gcp-w1", FakeRemoteShell.Fail(1, "runc restore of counter-counter failed:"));
        var attempts = new Dictionary<string, int>();
        foreach (var id in new[] { "rollback-source@aws-w1", "rollback-target@gcp-w1", "cleanup-target@gcp-w1" })
        {
            _shell.On(id, _ =>
            {
                lock (attempts)
                {
                    attempts[id] = attempts.GetValueOrDefault(id) + 1;
                    return Task.FromResult(attempts[id] == 1 ? FakeRemoteShell.Fail(255, "Connection reset by peer") : FakeRemoteShell.Ok());
                }
            });
        }

        var run = await RunAsync(StrategyKind.Cold);

        Assert.Equal(StepStatus.Succeeded, Statuses(run)["rollback-source@aws-w1"]);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["rollback-target@gcp-w1"]);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["cleanup-target@gcp-w1"]);
        Assert.Equal(2, attempts["rollback-source@aws-w1"]);
        Assert.Equal(2, attempts["cleanup-target@gcp-w1"]);
        Assert.Equal(1, _shell.Calls.Count(c => c == "restore@gcp-w1"));
    }

    [Fact]
    public async Task RunAsync_CancelledMidTransfer_TransferStoppedRollbackAndReleaseStillRun()
    {
        using var interrupt = new CancellationTokenSource();
        _shell.On("transfer@aws-w1", async _ =>
        {
            var token = _shell.Cancelled;
            await interrupt.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(10), token);
            return FakeRemoteShell.Ok();
        });

        var run = await new StepEngine(new RemoteContext(_shell, _templates.Renderer()), FakeInventory.Create())
            .RunAsync(TestModel.Plan(StrategyKind.Cold), _logs, cancellationToken: interrupt.Token);

        Assert.False(run.Succeeded);
        Assert.True(run.Interrupted);
        Assert.Equal("step transfer@aws-w1 was stopped: ferry was interrupted", run.FirstFailure!.Error);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["rollback-source@aws-w1"]);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["release@front"]);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["cleanup-target@gcp-w1"]);
        Assert.Equal(StepStatus.Skipped, Statuses(run)["restore@gcp-w1"]);
    }

    [Fact]
    public async Task RunAsync_OnlyCleanupFails_RunStillSucceeds()
    {
        _shell.On("cleanup-target@gcp-w1", FakeRemoteShell.Fail(1, "rm: cannot remove"));

        var run = await RunAsync(StrategyKind.Cold);

        Assert.True(run.Succeeded);
        Assert.Equal(StepStatus.Failed, Statuses(run)["cleanup-target@gcp-w1"]);
    }

    [Fact]
    public async Task RunAsync_StepFails_MessageNamesStepHostExitCodeAndStderrTail()
    {
        _shell.On("checkpoint@aws-w1", FakeRemoteShell.Fail(52, "one\ntwo\nthree\nfour\nfive\nsix\nseven\nError (criu/sk-inet.c:191): inet: Connected TCP socket, consider using --tcp-established option.\n"));

        var run = await RunAsync(StrategyKind.Cold);

        Assert.Equal(
            "step checkpoint@aws-w1 failed: migrate/checkpoint.sh on aws-w1 failed (exit 52): three\nfour\nfive\nsix\nseven\nError (criu/sk-inet.c:191): inet: Connected TCP socket, consider using --tcp-established option.",
            run.FirstFailure!.Error);
        Assert.Equal(52, run.FirstFailure.ExitCode);
    }

    [Fact]
    public async Task RunAsync_ShellCannotConnect_MessageNamesStepAndHostRollbackRuns()
    {
        _shell.On("restore@gcp-w1", _ => throw new RemoteShellException("gcp-w1 (10.20.0.11:22): connection refused"));

        var run = await RunAsync(StrategyKind.Cold);

        Assert.Equal("step restore@gcp-w1 failed: migrate/restore.sh on gcp-w1: gcp-w1 (10.20.0.11:22): connection refused", run.FirstFailure!.Error);
        Assert.Null(run.FirstFailure.ExitCode);
        Assert.Equal(StepStatus.Succeeded, Statuses(run)["rollback-source@aws-w1"]);
    }

    [Fact]
    public async Task RunAsync_BugInAStep_RollbackAndCleanupRunThenTheBugIsThrown()
    {
        _shell.On("transfer@aws-w1", _ => throw new InvalidOperationException("a bug"));

        var bug = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(StrategyKind.Cold));

        Assert.Equal("a bug", bug.Message);
        Assert.Contains("rollback-source@aws-w1", _shell.Calls);
        Assert.Contains("release@front", _shell.Calls);
        Assert.Contains("cleanup-target@gcp-w1", _shell.Calls);
    }

    [Fact]
    public async Task RunAsync_MetricLines_InMetricsNotInOutputEvents()
    {
        _shell.On("transfer@aws-w1", onLine =>
        {
            onLine("sending incremental file list");
            onLine("ferry-out bytes_sent=123456");
            onLine("ferry-out note=a=b");
            onLine("ferry-out malformed");
            return Task.FromResult(FakeRemoteShell.Ok());
        });
        var events = new List<StepEvent>();

        var run = await RunAsync(StrategyKind.Cold, e => { lock (events) { events.Add(e); } });

        Assert.Equal(
            new Dictionary<string, string> { ["bytes_sent"] = "123456", ["note"] = "a=b" },
            run.Step(StepKind.Transfer)!.Metrics);
        Assert.Equal(
            [StepEventPhase.Started, StepEventPhase.Output, StepEventPhase.Output, StepEventPhase.Finished],
            events.Where(e => e.StepId == "transfer@aws-w1").Select(e => e.Phase));
        Assert.Equal(["sending incremental file list", "ferry-out malformed"], events.Where(e => e.StepId == "transfer@aws-w1" && e.Phase == StepEventPhase.Output).Select(e => e.Line));
    }

    [Fact]
    public async Task RunAsync_EveryStep_OwnLogFileWithItsOutput()
    {
        _shell.On("checkpoint@aws-w1", onLine =>
        {
            onLine("dumping counter-counter");
            onLine("ferry-out freeze_start=1.5");
            return Task.FromResult(FakeRemoteShell.Ok());
        });

        var run = await RunAsync(StrategyKind.Cold);

        Assert.Equal(
            ["01-prepare-target@gcp-w1.log", "02-hold@front.log", "03-checkpoint@aws-w1.log", "04-transfer@aws-w1.log", "05-restore@gcp-w1.log",
             "06-cut-over@aws-gw.log", "07-cut-over@gcp-gw.log", "08-cut-over@client.log", "09-cut-over@front.log",
             "10-cleanup-source@aws-w1.log", "11-release@front.log", "12-cleanup-target@gcp-w1.log"],
            Directory.GetFiles(_logs).Select(Path.GetFileName).Order());
        Assert.Equal("dumping counter-counter\nferry-out freeze_start=1.5\n", File.ReadAllText(run.Step(StepKind.Checkpoint)!.LogPath!));
        var skipped = run.Steps.Where(s => s.Status == StepStatus.Skipped).ToList();
        Assert.NotEmpty(skipped);
        Assert.All(skipped, s => Assert.Null(s.LogPath));
        Assert.All(skipped, s => Assert.Equal("the migration succeeded; nothing to roll back", s.SkipReason));
    }

    [Fact]
    public async Task RunAsync_InvalidPlan_NothingRuns()
    {
        _templates.Write("migrate/restore.sh", "echo {{ nothing | q }}\n");

        await Assert.ThrowsAsync<PlanValidationException>(() => RunAsync(StrategyKind.Cold));

        Assert.Empty(_shell.Calls);
    }
}

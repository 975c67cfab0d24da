using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Sampling;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;

namespace Ferry.MigrationSteps.Tests.Migration;

public sealed class MigratorTests : IDisposable
{
    // The stats-dump and stats-restore images of CriuStatsTests, as the templates report them (base64).
    private const string StatsDump = "QFkQVQYzCVcmAAAACiQIyJEGEKSUAxi/FSCCECjAETAAONMQQABIAFAIWAhgAGgAcAA=";
    private const string StatsRestore = "QFkQVQYzCVcPAAAAEg0IABAAGAEguPEDKNMQ";

    private readonly TempTemplates _templates = new();
    private readonly FakeRemoteShell _shell = new();
    private readonly string _stack = Directory.CreateTempSubdirectory("ferry-stack-").FullName;

    public MigratorTests()
    {
        new AppPlacement("counter", "aws-w1", DateTimeOffset.UnixEpoch).Save(_stack);
        Preflight("aws-w1", "running");
        Prepare("absent");
        Facts("aws-w1");
        Facts("gcp-w1");
        Metrics("checkpoint@aws-w1", "ferry-out freeze_start=100.25", $"ferry-out criu_stats_dump.counter-counter={StatsDump}");
        Metrics("transfer@aws-w1", "ferry-out bytes_sent=700");
        Metrics("restore@gcp-w1", $"ferry-out criu_stats_restore.counter-counter={StatsRestore}", "ferry-out restored_at=100.5");
        Metrics("cut-over@front", "ferry-out answering_at=100.75");
        Metrics("cleanup-source@aws-w1", "ferry-out sent_to_target=4000", "ferry-out lazy_source_exit.counter-counter=0");
        Metrics("post-copy@gcp-w1", "ferry-out lazy_target_exit.counter-counter=0", "ferry-out post_copy_answer.counter-counter=yes");
        foreach (var (gateway, peer) in new[] { ("aws-gw", "gcp"), ("gcp-gw", "aws") })
        {
            var sas = $"list-sa event {{\n{peer} {{\nstate = ESTABLISHED\nchild-sas {{\n{peer}-1 {{\nname = {peer}\nstate = INSTALLED\n}}\n}}\n}}\n}}\n";
            _shell.On($"vpn-status@{gateway}", FakeRemoteShell.Ok($"ferry-out vpn_daemon=running\nferry-out vpn_sas={Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sas))}\n"));
        }
    }

    public void Dispose()
    {
        _templates.Dispose();
        Directory.Delete(_stack, recursive: true);
    }

    private void Metrics(string stepId, params string[] lines) => _shell.On(stepId, onLine =>
    {
        foreach (var line in lines)
        {
            onLine(line);
        }

        return Task.FromResult(FakeRemoteShell.Ok(string.Join('\n', lines) + "\n"));
    });

    private void Preflight(string host, string container, string bootId = "boot-1") => Metrics(
        $"preflight@{host}",
        $"ferry-out boot_id={bootId}", "ferry-out mem_available_mb=4096", "ferry-out disk_available_mb=20000", $"ferry-out container.counter-counter={container}");

    private void Prepare(string container, string bootId = "boot-1") => Metrics(
        "prepare-target@gcp-w1",
        $"ferry-out boot_id={bootId}", "ferry-out mem_available_mb=4096", "ferry-out disk_available_mb=20000", $"ferry-out container.counter-counter={container}");

    private void Facts(string host, string bootId = "boot-1", string uffd = "yes") => Metrics(
        $"host-facts@{host}",
        $"ferry-out boot_id={bootId}", "ferry-out criu_version=4.2", "ferry-out runc_version=1.3.0", "ferry-out criu_check=ok",
        "ferry-out feature.mem_dirty_track=yes", $"ferry-out feature.uffd-noncoop={uffd}", "ferry-out feature.page_server=yes",
        "ferry-out pipe_max_size=4194304", "ferry-out cpu_flags=fpu sse4_2", "ferry-out cpus=2", "ferry-out fault_ms_per_gib=300", "ferry-out first_touch_ms_per_gib=20");

    private Task<MigrationResult> MigrateAsync(StrategyKind strategy = StrategyKind.Cold, string from = "aws-w1", string to = "gcp-w1") =>
        new RunRecorder(Path.Combine(_stack, "runs")).RecordAsync(
            new Migrator(new RemoteContext(_shell, _templates.Renderer()), FakeInventory.Create(), _stack) { RetryDelays = [TimeSpan.Zero] },
            new MigrationRequest(TestModel.Counter, from, to, strategy));

    [Fact]
    public async Task MigrateAsync_AllStepsSucceed_PlacementMovesToTargetWithFigures()
    {
        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Succeeded, "gcp-w1", "cold"), (result.Outcome, result.RunningOn, result.Strategy));
        Assert.Equal("gcp-w1", AppPlacement.Load(_stack, "counter")!.Host);
        Assert.Equal((0.25, 0.5, 4000L, 700L), (result.FreezeSeconds, result.DowntimeSeconds, result.BytesSent, result.RsyncBytes));
        Assert.Null(result.DegradedSeconds);
        Assert.Equal((2131UL, 63.672), (result.Criu["counter-counter"].PagesWritten, result.Criu["counter-counter"].RestoreMs));
        Assert.True(File.Exists(Path.Combine(_stack, "runs", result.Id, "result.json")));
    }

    [Fact]
    public async Task MigrateAsync_Auto_ChoosesFromTheSampleAndRecordsIt()
    {
        // 512 MiB read whole every second, 1 MiB of it rewritten and slowly more, over a measured 100 Mbit/s.
        Metrics("sample@aws-w1", "ferry-out sample_memory_bytes=536870912", "ferry-out sample_dirty_set=1048576", "ferry-out sample_dirty_rate=104858",
            "ferry-out sample_working_set=536870912", "ferry-out sample_touch_rate=0", "ferry-out link_rate=12500000");

        var result = await MigrateAsync(StrategyKind.Auto);

        Assert.Equal("hybrid", result.Strategy);
        Assert.Equal(
            "memory 512 MiB, rewritten 1 MiB then 0.1 MiB/s more, touched 512 MiB then 0 MiB/s more, link 100 Mbit/s (measured); " +
            "longest client wait expected: hybrid 1.93 s, lazy 43.45 s, cold 44.79 s",
            result.StrategyReason);
        Assert.Equal(new AppSample(536870912, 104858, 0, 12500000, "measured", 536870912, 1048576), result.Sample);
        Assert.Equal(result.Sample, MigrationResult.FromJson(File.ReadAllText(Path.Combine(_stack, "runs", result.Id, "result.json"))).Sample);
        Assert.Contains("sample@aws-w1", _shell.Calls);
    }

    [Fact]
    public async Task MigrateAsync_AutoSampleFails_ChoosesByCapabilitiesAndSaysWhy()
    {
        _shell.On("sample@aws-w1", FakeRemoteShell.Fail(1, "runc ps: container does not exist"));

        var result = await MigrateAsync(StrategyKind.Auto);

        Assert.Equal("lazy", result.Strategy);
        Assert.StartsWith("both hosts support post-copy (userfaultfd): downtime does not grow with memory size (sampling the application failed: ", result.StrategyReason);
        Assert.Null(result.Sample);
    }

    [Fact]
    public async Task MigrateAsync_Requested_NoSample()
    {
        var result = await MigrateAsync(StrategyKind.Hybrid);

        Assert.Equal(("hybrid", "requested"), (result.Strategy, result.StrategyReason));
        Assert.DoesNotContain("sample@aws-w1", _shell.Calls);
        Assert.Null(result.Sample);
    }

    [Fact]
    public async Task MigrateAsync_ContainerOnTarget_RefusedWithoutTouchingEitherHost()
    {
        _shell.On("prepare-target@gcp-w1", _ => Task.FromResult(new CommandResult(
            3, "ferry-out boot_id=boot-1\nferry-out mem_available_mb=4096\nferry-out disk_available_mb=20000\nferry-out container.counter-counter=running\n",
            "container counter-counter already exists on this host (running); refusing to overwrite it", TimeSpan.Zero)));

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Refused, "aws-w1"), (result.Outcome, result.RunningOn));
        Assert.Equal("preflight refused: gcp-w1: a container counter-counter already exists there; remove it first", result.Reason);
        Assert.Equal(
            ["host-facts@aws-w1", "host-facts@gcp-w1", "preflight@aws-w1", "prepare-target@gcp-w1", "vpn-status@aws-gw", "vpn-status@gcp-gw"],
            _shell.Calls.Order());
        Assert.Equal("aws-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }

    [Fact]
    public async Task MigrateAsync_TunnelDown_RefusedAndThePreparedTargetIsCleanedSourceUntouched()
    {
        _shell.On("vpn-status@gcp-gw", FakeRemoteShell.Ok("ferry-out vpn_daemon=charon-down\n"));

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Refused, "aws-w1"), (result.Outcome, result.RunningOn));
        Assert.Contains("gcp-gw: charon is not running", result.Reason);
        Assert.Contains("rollback-target@gcp-w1", _shell.Calls);
        Assert.Contains("cleanup-target@gcp-w1", _shell.Calls);
        Assert.DoesNotContain(_shell.Calls, c => c.EndsWith("@aws-w1", StringComparison.Ordinal) && !c.StartsWith("preflight", StringComparison.Ordinal) && !c.StartsWith("host-facts", StringComparison.Ordinal));
        Assert.DoesNotContain(_shell.Calls, c => c.StartsWith("hold@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_PrepareRunsAlongsidePreflightAndTheHoldWaitsForBoth()
    {
        var prepareStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _shell.On("prepare-target@gcp-w1", _ =>
        {
            prepareStarted.TrySetResult();
            return Task.FromResult(FakeRemoteShell.Ok("ferry-out boot_id=boot-1\nferry-out mem_available_mb=4096\nferry-out disk_available_mb=20000\nferry-out container.counter-counter=absent\n"));
        });
        _shell.On("preflight@aws-w1", async onLine =>
        {
            // Run one after the other, preflight would wait here for a prepare that never starts; the timeout turns that into a failure.
            await prepareStarted.Task.WaitAsync(TimeSpan.FromSeconds(5));
            var lines = new[] { "ferry-out boot_id=boot-1", "ferry-out mem_available_mb=4096", "ferry-out disk_available_mb=20000", "ferry-out container.counter-counter=running" };
            foreach (var line in lines)
            {
                onLine(line);
            }

            return FakeRemoteShell.Ok(string.Join('\n', lines) + "\n");
        });

        var result = await MigrateAsync();

        var events = _shell.Events.ToList();
        Assert.True(events.IndexOf("start prepare-target@gcp-w1") < events.IndexOf("end preflight@aws-w1"), string.Join(", ", events));
        Assert.True(events.IndexOf("start hold@front") > events.IndexOf("end preflight@aws-w1"), string.Join(", ", events));
        Assert.True(events.IndexOf("start hold@front") > events.IndexOf("end prepare-target@gcp-w1"), string.Join(", ", events));
        Assert.Equal(MigrationOutcome.Succeeded, result.Outcome);
    }

    [Fact]
    public async Task MigrateAsync_TransferFails_RolledBackOnSource()
    {
        _shell.On("transfer@aws-w1", FakeRemoteShell.Fail(12, "rsync error: error in rsync protocol data stream (code 12)"));

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.RolledBack, "aws-w1"), (result.Outcome, result.RunningOn));
        Assert.Equal("step transfer@aws-w1 failed: migrate/transfer.sh on aws-w1 failed (exit 12): rsync error: error in rsync protocol data stream (code 12)", result.Reason);
        Assert.Equal("aws-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }

    [Fact]
    public async Task MigrateAsync_RestoreFails_DowntimeEndsWhenTheSourceAnswersAgain()
    {
        _shell.On("restore@gcp-w1", FakeRemoteShell.Fail(1, "runc restore of counter-counter failed"));
        Metrics("rollback-source@aws-w1", "ferry-out resumed_at=101.5");

        var result = await MigrateAsync();

        Assert.Equal(MigrationOutcome.RolledBack, result.Outcome);
        Assert.Equal((1.25, 1.25), (result.FreezeSeconds, result.DowntimeSeconds));
    }

    [Fact]
    public async Task MigrateAsync_Lazy_DegradedUntilTheSourceServedItsLastPage()
    {
        Metrics("cleanup-source@aws-w1", "ferry-out sent_to_target=4000", "ferry-out lazy_source_done_at=103.5", "ferry-out lazy_source_exit.counter-counter=0");

        var result = await MigrateAsync(StrategyKind.Lazy);

        Assert.Equal(("lazy", 3.0), (result.Strategy, result.DegradedSeconds));
    }

    [Fact]
    public async Task MigrateAsync_LazyPostCopyFails_RolledBackToTheFreezeAndNamesTheLostWritesWindow()
    {
        _shell.On("post-copy@gcp-w1", FakeRemoteShell.Fail(1, "post-copy of counter-counter did not complete: the lazy-pages daemon exited 137, health check answered: no"));
        Metrics("rollback-target@gcp-w1", "ferry-out target_stopped_at=104.0");
        Metrics("rollback-source@aws-w1", "ferry-out brought_back.counter-counter=resumed", "ferry-out resumed_at=104.5");

        var result = await MigrateAsync(StrategyKind.Lazy);

        Assert.Equal((MigrationOutcome.RolledBack, "aws-w1"), (result.Outcome, result.RunningOn));
        Assert.StartsWith("step post-copy@gcp-w1 failed: migrate/post-copy.sh on gcp-w1 failed (exit 1): post-copy of counter-counter did not complete", result.Reason);
        Assert.Contains("; back on aws-w1: counter-counter resumed; ", result.Reason);
        Assert.EndsWith("writes the application acknowledged on gcp-w1 from its restore at 00:01:40.500 to its stop at 00:01:44.000 UTC (3.5 s) are lost: the source resumed with its state at the freeze", result.Reason);
        Assert.Equal(("gcp-w1", 3.5), (result.LostWrites!.Host, result.LostWrites.Seconds));
        Assert.Equal("aws-w1", AppPlacement.Load(_stack, "counter")!.Host);
        Assert.Contains("\"lostWrites\"", result.ToJson());
    }

    [Fact]
    public async Task MigrateAsync_PageServerRollbackSourceFails_FailedAndSaysTheTargetKeepsTheImages()
    {
        _shell.On("restore@gcp-w1", FakeRemoteShell.Fail(1, "runc restore of counter-counter failed"));
        _shell.On("rollback-source@aws-w1", FakeRemoteShell.Fail(23, "rsync: connection unexpectedly closed"));

        var result = await MigrateAsync(StrategyKind.PageServer);

        Assert.Equal((MigrationOutcome.Failed, (string?)null), (result.Outcome, result.RunningOn));
        Assert.Contains("bringing it back on aws-w1 failed too: step rollback-source@aws-w1 failed", result.Reason);
        Assert.EndsWith($"its images are kept on gcp-w1 under /var/lib/ferry/migrate/{result.Id}", result.Reason);
        Assert.Equal(StepStatus.Skipped, result.Steps.Single(s => s.Kind == StepKind.CleanupTarget).Status);
    }

    [Fact]
    public async Task MigrateAsync_CheckpointAndRollbackSourceFail_FailedAndSaysNoWholeImagesExist()
    {
        _shell.On("checkpoint@aws-w1", FakeRemoteShell.Fail(1, "read unixpacket @->@: EOF"));
        _shell.On("rollback-source@aws-w1", FakeRemoteShell.Fail(1, "counter-counter died during its dump"));

        var result = await MigrateAsync(StrategyKind.Cold);

        Assert.Equal((MigrationOutcome.Failed, (string?)null), (result.Outcome, result.RunningOn));
        Assert.Contains("bringing it back on aws-w1 failed too: step rollback-source@aws-w1 failed", result.Reason);
        Assert.EndsWith($"its checkpoint never completed, so no whole images of it exist; what reached gcp-w1 is kept under /var/lib/ferry/migrate/{result.Id}", result.Reason);
        Assert.DoesNotContain("its images are kept", result.Reason);
    }

    [Fact]
    public async Task MigrateAsync_CheckpointFailsOnTheSecondContainer_SaysWhichWereDumpedAndBringsThemBack()
    {
        var pair = new AppDefinition("pair", "two containers",
            [new ContainerDefinition("a", "10.252.0.31", ["sleep", "60"], [8080], 64, [], []), new ContainerDefinition("b", "10.252.0.32", ["sleep", "60"], [8080], 64, [], [])],
            null);
        new AppPlacement("pair", "aws-w1", DateTimeOffset.UnixEpoch).Save(_stack);
        Metrics("preflight@aws-w1", "ferry-out boot_id=boot-1", "ferry-out mem_available_mb=4096", "ferry-out disk_available_mb=20000",
            "ferry-out container.pair-a=running", "ferry-out container.pair-b=running");
        Metrics("prepare-target@gcp-w1", "ferry-out boot_id=boot-1", "ferry-out mem_available_mb=4096", "ferry-out disk_available_mb=20000");
        _shell.On("checkpoint@aws-w1", FakeRemoteShell.Fail(1, "Error (criu/files-reg.c:1710): Can't lookup mount=23 for fd=1 path=/dev/null")
            with { StandardOutput = "ferry-out freeze_start=100.25\nferry-out dumped.pair-a=yes\n" });
        Metrics("rollback-source@aws-w1", "ferry-out brought_back.pair-a=resumed", "ferry-out brought_back.pair-b=resumed", "ferry-out resumed_at=101.0");

        var result = await new RunRecorder(Path.Combine(_stack, "runs")).RecordAsync(
            new Migrator(new RemoteContext(_shell, _templates.Renderer()), FakeInventory.Create(), _stack) { RetryDelays = [TimeSpan.Zero] },
            new MigrationRequest(pair, "aws-w1", "gcp-w1", StrategyKind.Cold));

        Assert.Equal((MigrationOutcome.RolledBack, "aws-w1"), (result.Outcome, result.RunningOn));
        Assert.Contains("; the checkpoint had dumped pair-a of pair-a, pair-b; back on aws-w1: pair-a resumed, pair-b resumed", result.Reason);
        Assert.Null(result.LostWrites);
    }

    [Fact]
    public async Task MigrateAsync_CleanupCannotRemoveEverything_SucceededButSaysWhatIsLeft()
    {
        _shell.On("cleanup-source@aws-w1", FakeRemoteShell.Fail(1, "could not remove from aws-w1: network namespace ctr-counter-counter"));

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Succeeded, "gcp-w1"), (result.Outcome, result.RunningOn));
        Assert.Equal("step cleanup-source@aws-w1 failed: migrate/cleanup-source.sh on aws-w1 failed (exit 1): could not remove from aws-w1: network namespace ctr-counter-counter", result.Reason);
    }

    [Fact]
    public async Task MigrateAsync_FreezeNeverMeasured_FiguresAbsentNotZero()
    {
        _shell.On("checkpoint@aws-w1", FakeRemoteShell.Fail(1, "criu dump failed"));

        var result = await MigrateAsync();

        Assert.Equal(MigrationOutcome.RolledBack, result.Outcome);
        Assert.Null(result.FreezeSeconds);
        Assert.Null(result.DowntimeSeconds);
        Assert.Null(result.DegradedSeconds);
    }

    [Fact]
    public async Task MigrateAsync_SentCounterUnreadable_SucceedsWithRsyncBytes()
    {
        // sent_bytes runs inside out's arguments, so a counter that is gone still prints the metric, empty.
        Metrics("cleanup-source@aws-w1", "ferry-out sent_to_target=");

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Succeeded, 700L), (result.Outcome, result.BytesSent));
        Assert.Equal("gcp-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }

    [Fact]
    public async Task MigrateAsync_CorruptCriuStats_SucceedsWithoutThem()
    {
        Metrics("checkpoint@aws-w1", "ferry-out criu_stats_dump.counter-counter=QFkQVQYzCVcmAAAACiQIyJEG");

        var result = await MigrateAsync();

        Assert.Equal(MigrationOutcome.Succeeded, result.Outcome);
        Assert.Equal(63.672, result.Criu["counter-counter"].RestoreMs);
        Assert.Null(result.Criu["counter-counter"].PagesWritten);
        Assert.Equal("gcp-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }

    [Fact]
    public async Task MigrateAsync_FactsCached_SecondMoveAsksOnlyWhatChanges()
    {
        await MigrateAsync();
        new AppPlacement("counter", "aws-w1", DateTimeOffset.UnixEpoch).Save(_stack);
        _shell.Calls.Clear();

        var result = await MigrateAsync();

        Assert.Equal(MigrationOutcome.Succeeded, result.Outcome);
        Assert.DoesNotContain(_shell.Calls, c => c.StartsWith("host-facts@", StringComparison.Ordinal));
        Assert.Contains("preflight@aws-w1", _shell.Calls);
        Assert.True(File.Exists(Path.Combine(_stack, "host-facts", "gcp-w1.json")));
    }

    [Fact]
    public async Task MigrateAsync_HostRebooted_FactsLearnedAgain()
    {
        await MigrateAsync();
        new AppPlacement("counter", "aws-w1", DateTimeOffset.UnixEpoch).Save(_stack);
        _shell.Calls.Clear();
        Prepare("absent", bootId: "boot-2");
        Facts("gcp-w1", bootId: "boot-2", uffd: "no");

        var result = await MigrateAsync(StrategyKind.Auto);

        Assert.Equal(["host-facts@gcp-w1"], _shell.Calls.Where(c => c.StartsWith("host-facts@", StringComparison.Ordinal)));
        Assert.Equal("pageserver", result.Strategy);
    }

    [Fact]
    public async Task MigrateAsync_ResultWrittenOnceInItsRunDirectory()
    {
        var result = await MigrateAsync();

        var run = Path.Combine(_stack, "runs", result.Id);
        Assert.Equal(result.Id, MigrationResult.FromJson(File.ReadAllText(Path.Combine(run, "result.json"))).Id);
        Assert.True(Directory.Exists(Path.Combine(run, "logs", "preflight")));
        Assert.True(Directory.Exists(Path.Combine(run, "logs", "migrate")));
    }
}

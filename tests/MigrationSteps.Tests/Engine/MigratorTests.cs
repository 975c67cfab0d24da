using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.Provisioning.Processes;

namespace Ferry.MigrationSteps.Tests.Engine;

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
        Preflight("gcp-w1", "absent");
        Metrics("checkpoint@aws-w1", "ferry-metric tx_before=1000", "ferry-metric freeze_start=100.25", $"ferry-metric criu_stats_dump.counter-counter={StatsDump}");
        Metrics("transfer@aws-w1", "ferry-metric bytes_sent=700");
        Metrics("restore@gcp-w1", $"ferry-metric criu_stats_restore.counter-counter={StatsRestore}");
        Metrics("cut-over@front", "ferry-metric answering_at=100.75");
        Metrics("cleanup-source@aws-w1", "ferry-metric tx_after=5000");
        foreach (var (gateway, peer) in new[] { ("aws-gw", "gcp"), ("gcp-gw", "aws") })
        {
            _shell.On($"vpn-status@{gateway}", FakeRemoteShell.Ok($"ferry-vpn: running\nlist-sa event {{\n{peer} {{\nstate = ESTABLISHED\nchild-sas {{\n{peer}-1 {{\nname = {peer}\nstate = INSTALLED\n}}\n}}\n}}\n}}\n"));
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

        return Task.FromResult(FakeRemoteShell.Ok());
    });

    private void Preflight(string host, string container) => Metrics(
        $"preflight@{host}",
        "ferry-metric criu_version=4.2", "ferry-metric runc_version=1.3.0", "ferry-metric criu_check=ok",
        "ferry-metric feature.mem_dirty_track=yes", "ferry-metric feature.uffd-noncoop=yes", "ferry-metric feature.page_server=yes",
        "ferry-metric pipe_max_size=4194304", "ferry-metric cpu_flags=fpu sse4_2", "ferry-metric mem_available_mb=4096",
        "ferry-metric disk_available_mb=20000", $"ferry-metric container.counter-counter={container}");

    private Task<MigrationResult> MigrateAsync(MigrationStrategy strategy = MigrationStrategy.Cold) =>
        new Migrator(_shell, _templates.Renderer(), FakeInventory.Create(), _stack)
            .MigrateAsync(new MigrationRequest(TestModel.Counter, "aws-w1", "gcp-w1", strategy, RunsDirectory: Path.Combine(_stack, "runs")));

    [Fact]
    public async Task MigrateAsync_AllStepsSucceed_PlacementMovesToTargetWithFigures()
    {
        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Succeeded, "gcp-w1", "cold"), (result.Outcome, result.RunningOn, result.Strategy));
        Assert.Equal("gcp-w1", AppPlacement.Load(_stack, "counter")!.Host);
        Assert.Equal((0.5, 4000L, 700L), (result.DowntimeSeconds, result.BytesSent, result.RsyncBytes));
        Assert.Equal((2131UL, 63.672), (result.Criu["counter-counter"].PagesWritten, result.Criu["counter-counter"].RestoreMs));
        Assert.True(File.Exists(Path.Combine(_stack, "runs", result.Id, "result.json")));
    }

    [Fact]
    public async Task MigrateAsync_Auto_LazyWhenBothHostsCan()
    {
        var result = await MigrateAsync(MigrationStrategy.Auto);

        Assert.Equal(("lazy", "both hosts support post-copy (userfaultfd): downtime does not grow with memory size"), (result.Strategy, result.StrategyReason));
    }

    [Fact]
    public async Task MigrateAsync_ContainerOnTarget_RefusedBeforeAnythingChanges()
    {
        Preflight("gcp-w1", "running");

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Refused, "aws-w1"), (result.Outcome, result.RunningOn));
        Assert.Equal("preflight refused: gcp-w1: a container counter-counter already exists there; remove it first", result.Reason);
        Assert.Equal(["preflight@aws-w1", "preflight@gcp-w1", "vpn-status@aws-gw", "vpn-status@gcp-gw"], _shell.Calls.Order());
        Assert.Equal("aws-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }

    [Fact]
    public async Task MigrateAsync_TransferFails_RolledBackOnSource()
    {
        _shell.On("transfer@aws-w1", FakeRemoteShell.Fail(12, "rsync error: error in rsync protocol data stream (code 12)"));

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.RolledBack, "aws-w1"), (result.Outcome, result.RunningOn));
        Assert.Equal("step transfer on aws-w1 failed (exit 12): rsync error: error in rsync protocol data stream (code 12)", result.Reason);
        Assert.Equal("aws-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }

    [Fact]
    public async Task MigrateAsync_TxCounterUnreadable_SucceedsWithRsyncBytes()
    {
        // tx_bytes runs inside echo's arguments, so a failing `ip route get` still prints the metric, empty.
        Metrics("checkpoint@aws-w1", "ferry-metric tx_before=");

        var result = await MigrateAsync();

        Assert.Equal((MigrationOutcome.Succeeded, 700L), (result.Outcome, result.BytesSent));
        Assert.Equal("gcp-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }

    [Fact]
    public async Task MigrateAsync_CorruptCriuStats_SucceedsWithoutThem()
    {
        Metrics("checkpoint@aws-w1", "ferry-metric tx_before=1000", "ferry-metric criu_stats_dump.counter-counter=QFkQVQYzCVcmAAAACiQIyJEG");

        var result = await MigrateAsync();

        Assert.Equal(MigrationOutcome.Succeeded, result.Outcome);
        Assert.Equal(63.672, result.Criu["counter-counter"].RestoreMs);
        Assert.Null(result.Criu["counter-counter"].PagesWritten);
        Assert.Equal("gcp-w1", AppPlacement.Load(_stack, "counter")!.Host);
    }
}

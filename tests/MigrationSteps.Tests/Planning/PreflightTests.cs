using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Tests.Support;

namespace Ferry.MigrationSteps.Tests.Planning;

public sealed class PreflightTests
{
    private static readonly string[] Ids = ["counter-counter"];

    internal static HostCapabilities Host(string name, bool running) => new(
        name, "4.2", "1.3.0", "ok", DirtyMemoryTracking: true, Userfaultfd: true, PageServer: true, HostCapabilities.LazyPipeSize,
        "6.8.0-48-generic", MemAvailableMb: 4096, DiskAvailableMb: 20000,
        new Dictionary<string, string> { ["counter-counter"] = running ? "running" : "absent" },
        MemoryCosts: null,
        new HashSet<string> { "fpu", "sse4_2", "avx2" });

    private static readonly HostCapabilities Source = Host("aws-w1", running: true);
    private static readonly HostCapabilities Target = Host("gcp-w1", running: false);

    private static IReadOnlyList<string> Problems(HostCapabilities source, HostCapabilities target) =>
        Preflight.Problems(TestModel.Counter, Ids, source, target);

    [Fact]
    public void Problems_BothHostsReady_None()
    {
        Assert.Empty(Problems(Source, Target));
    }

    [Fact]
    public void Problems_CriuMissing_Reported()
    {
        Assert.Equal(["gcp-w1: criu is not installed"], Problems(Source, Target with { CriuVersion = "" }));
    }

    [Theory]
    [InlineData("3.19")]
    [InlineData("4.1")]
    [InlineData("four")]
    public void Problems_CriuTooOld_Reported(string version)
    {
        Assert.Equal(
            [$"aws-w1: criu {version} is too old; 4.2 or later is needed to dump TCP sockets on current kernels"],
            Problems(Source with { CriuVersion = version }, Target));
    }

    [Fact]
    public void Problems_CriuNewer_Accepted()
    {
        Assert.Empty(Problems(Source with { CriuVersion = "4.10" }, Target with { CriuVersion = "5.0.1" }));
    }

    [Fact]
    public void Problems_RuncMissing_Reported()
    {
        Assert.Equal(["aws-w1: runc is not installed"], Problems(Source with { RuncVersion = "" }, Target));
    }

    [Fact]
    public void Problems_CriuCheckFails_ReportsItsLastLine()
    {
        Assert.Equal(
            ["gcp-w1: 'criu check' fails: Error (criu/cr-check.c:1340): CRIU needs CAP_SYS_ADMIN"],
            Problems(Source, Target with { CriuCheck = "Error (criu/cr-check.c:1340): CRIU needs CAP_SYS_ADMIN" }));
    }

    [Theory]
    [InlineData("stopped")]
    [InlineData("paused")]
    public void Problems_ContainerNotRunningOnSource_Reported(string state)
    {
        Assert.Equal(
            [$"aws-w1: container counter-counter is {state}, not running; nothing to migrate"],
            Problems(Source with { Containers = new Dictionary<string, string> { ["counter-counter"] = state } }, Target));
    }

    [Fact]
    public void Problems_ContainerAbsentFromSource_Reported()
    {
        Assert.Equal(
            ["aws-w1: container counter-counter is absent, not running; nothing to migrate"],
            Problems(Source with { Containers = new Dictionary<string, string>() }, Target));
    }

    [Fact]
    public void Problems_ContainerAlreadyOnTarget_Reported()
    {
        Assert.Equal(
            ["gcp-w1: a container counter-counter already exists there; remove it first"],
            Problems(Source, Target with { Containers = new Dictionary<string, string> { ["counter-counter"] = "stopped" } }));
    }

    [Fact]
    public void Problems_TargetLacksCpuFlags_ListsThemSorted()
    {
        var source = Source with { CpuFlags = new HashSet<string> { "fpu", "sse4_2", "avx512f", "avx2", "adx" } };

        Assert.Equal(
            ["gcp-w1: its CPU lacks flags the source's processes may use: adx avx512f"],
            Problems(source, Target with { CpuFlags = new HashSet<string> { "fpu", "sse4_2", "avx2", "hypervisor" } }));
    }

    [Fact]
    public void Problems_ManyCpuFlagsMissing_FirstTwelveThenEllipsis()
    {
        var flags = Enumerable.Range(10, 14).Select(i => $"f{i}").ToHashSet();

        Assert.Equal(
            ["gcp-w1: its CPU lacks flags the source's processes may use: f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 f21 …"],
            Problems(Source with { CpuFlags = flags }, Target));
    }

    [Fact]
    public void Problems_NotEnoughMemory_Reported()
    {
        Assert.Equal(
            ["gcp-w1: 100 MiB of memory available, the application may use 128 MiB"],
            Problems(Source, Target with { MemAvailableMb = 100 }));
    }

    [Fact]
    public void Problems_NotEnoughDisk_Reported()
    {
        Assert.Equal(
            ["gcp-w1: 383 MiB free under /var/lib/ferry/migrate, the checkpoint may need 384 MiB"],
            Problems(Source, Target with { DiskAvailableMb = 383 }));
        Assert.Empty(Problems(Source, Target with { DiskAvailableMb = 384 }));
    }

    [Fact]
    public void Problems_Several_AllReportedInOrder()
    {
        Assert.Equal(
            ["aws-w1: criu is not installed", "gcp-w1: runc is not installed", "gcp-w1: 0 MiB of memory available, the application may use 128 MiB"],
            Problems(Source with { CriuVersion = "" }, Target with { RuncVersion = "", MemAvailableMb = 0 }));
    }
}

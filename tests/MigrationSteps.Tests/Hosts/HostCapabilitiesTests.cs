using Ferry.MigrationSteps.Hosts;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;

namespace Ferry.MigrationSteps.Tests.Hosts;

public sealed class HostCapabilitiesTests
{
    private static ScriptOutput Output(params string[] lines) =>
        ScriptOutput.From(new CommandResult(0, string.Join('\n', lines.Select(l => "ferry-out " + l)) + "\nnoise\n", "", TimeSpan.Zero));

    private static HostFacts Facts(params string[] lines) => HostFacts.From("aws-w1", Output(["boot_id=b1", .. lines]));

    [Fact]
    public void From_FactsAndPreflight_EveryField()
    {
        var facts = Facts(
            "criu_version=4.2", "runc_version=1.3.0", "criu_check=ok", "feature.mem_dirty_track=yes", "feature.uffd-noncoop=yes",
            "feature.page_server=no", "pipe_max_size=4194304", "kernel=6.8.0-48-generic", "cpu_flags=fpu  vme sse4_2 avx2");
        var preflight = Output("boot_id=b1", "mem_available_mb=3012", "disk_available_mb=18000", "container.counter-counter=running", "container.redis-redis=absent");

        var caps = HostCapabilities.From(facts, preflight.Values);

        Assert.Equal("b1", facts.BootId);
        Assert.Equal(("aws-w1", "4.2", "1.3.0", "ok", "6.8.0-48-generic"), (caps.Host, caps.CriuVersion, caps.RuncVersion, caps.CriuCheck, caps.Kernel));
        Assert.Equal((true, true, false), (caps.DirtyMemoryTracking, caps.Userfaultfd, caps.PageServer));
        Assert.Equal((4194304L, 3012L, 18000L), (caps.PipeMaxSize, caps.MemAvailableMb, caps.DiskAvailableMb));
        Assert.Equal(new Dictionary<string, string> { ["counter-counter"] = "running", ["redis-redis"] = "absent" }, caps.Containers);
        Assert.Equal(["avx2", "fpu", "sse4_2", "vme"], caps.CpuFlags.Order());
        Assert.True(caps.CanLazy);
    }

    [Fact]
    public void From_NothingReported_EmptyAndZero()
    {
        var caps = HostCapabilities.From(Facts(), new Dictionary<string, string>());

        Assert.Equal(("", "", ""), (caps.CriuVersion, caps.RuncVersion, caps.CriuCheck));
        Assert.Equal((false, false, false), (caps.DirtyMemoryTracking, caps.Userfaultfd, caps.PageServer));
        Assert.Equal((0L, 0L, 0L), (caps.PipeMaxSize, caps.MemAvailableMb, caps.DiskAvailableMb));
        Assert.Empty(caps.Containers);
        Assert.Empty(caps.CpuFlags);
    }

    [Fact]
    public void Facts_WithoutBootId_AreNotAccepted()
    {
        Assert.Throws<RemoteTaskException>(() => HostFacts.From("h", Output("criu_version=4.2")));
    }

    [Fact]
    public void From_NonNumberSizes_Zero()
    {
        var caps = HostCapabilities.From(Facts("pipe_max_size=big"), new Dictionary<string, string> { ["mem_available_mb"] = "" });

        Assert.Equal((0L, 0L), (caps.PipeMaxSize, caps.MemAvailableMb));
    }

    [Fact]
    public void From_MemoryCosts_CarriedFromTheFacts()
    {
        var caps = HostCapabilities.From(Facts("cpus=2", "fault_ms_per_gib=3001", "first_touch_ms_per_gib=1164.6"), new Dictionary<string, string>());

        Assert.Equal(new MemoryCosts(2, 3001, 1164.6), caps.MemoryCosts);
        Assert.Equal("2 CPUs; per GiB: 3001 ms faulting fresh memory in, 1165 ms first reading memory the kernel filled", caps.MemoryCosts!.ToString());
    }

    [Theory]
    [InlineData("cpus=2", "fault_ms_per_gib=3001")]
    [InlineData("cpus=0", "fault_ms_per_gib=3001", "first_touch_ms_per_gib=1164")]
    [InlineData("cpus=2", "fault_ms_per_gib=-1", "first_touch_ms_per_gib=1164")]
    [InlineData("cpus=2", "fault_ms_per_gib=fast", "first_touch_ms_per_gib=1164")]
    public void From_MemoryCostsIncomplete_Absent(params string[] lines)
    {
        Assert.Null(HostCapabilities.From(Facts(lines), new Dictionary<string, string>()).MemoryCosts);
    }

    [Theory]
    [InlineData("yes", 4194304, true)]
    [InlineData("yes", 4194303, false)]
    [InlineData("no", 4194304, false)]
    public void CanLazy_UserfaultfdAndPipeSize_BothNeeded(string uffd, long pipe, bool expected)
    {
        var caps = HostCapabilities.From(Facts($"feature.uffd-noncoop={uffd}", $"pipe_max_size={pipe}"), new Dictionary<string, string>());

        Assert.Equal(expected, caps.CanLazy);
    }
}

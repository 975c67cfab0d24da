using Ferry.MigrationSteps.Planning;

namespace Ferry.MigrationSteps.Tests.Planning;

public sealed class HostCapabilitiesTests
{
    [Fact]
    public void FromMetrics_PreflightOutput_EveryField()
    {
        var metrics = new Dictionary<string, string>
        {
            ["criu_version"] = "4.2",
            ["runc_version"] = "1.3.0",
            ["criu_check"] = "ok",
            ["feature.mem_dirty_track"] = "yes",
            ["feature.uffd-noncoop"] = "yes",
            ["feature.page_server"] = "no",
            ["pipe_max_size"] = "4194304",
            ["kernel"] = "6.8.0-48-generic",
            ["cpu_flags"] = "fpu  vme sse4_2 avx2",
            ["mem_available_mb"] = "3012",
            ["disk_available_mb"] = "18000",
            ["container.counter-counter"] = "running",
            ["container.redis-redis"] = "absent",
        };

        var caps = HostCapabilities.FromMetrics("aws-w1", metrics);

        Assert.Equal(("aws-w1", "4.2", "1.3.0", "ok", "6.8.0-48-generic"), (caps.Host, caps.CriuVersion, caps.RuncVersion, caps.CriuCheck, caps.Kernel));
        Assert.Equal((true, true, false), (caps.DirtyMemoryTracking, caps.Userfaultfd, caps.PageServer));
        Assert.Equal((4194304L, 3012L, 18000L), (caps.PipeMaxSize, caps.MemAvailableMb, caps.DiskAvailableMb));
        Assert.Equal(new Dictionary<string, string> { ["counter-counter"] = "running", ["redis-redis"] = "absent" }, caps.Containers);
        Assert.Equal(["avx2", "fpu", "sse4_2", "vme"], caps.CpuFlags.Order());
        Assert.True(caps.CanLazy);
    }

    [Fact]
    public void FromMetrics_NothingReported_EmptyAndZero()
    {
        var caps = HostCapabilities.FromMetrics("gcp-w1", new Dictionary<string, string>());

        Assert.Equal(("", "", ""), (caps.CriuVersion, caps.RuncVersion, caps.CriuCheck));
        Assert.Equal((false, false, false), (caps.DirtyMemoryTracking, caps.Userfaultfd, caps.PageServer));
        Assert.Equal((0L, 0L, 0L), (caps.PipeMaxSize, caps.MemAvailableMb, caps.DiskAvailableMb));
        Assert.Empty(caps.Containers);
        Assert.Empty(caps.CpuFlags);
    }

    [Fact]
    public void FromMetrics_NonNumberSizes_Zero()
    {
        var caps = HostCapabilities.FromMetrics("gcp-w1", new Dictionary<string, string> { ["pipe_max_size"] = "big", ["mem_available_mb"] = "" });

        Assert.Equal((0L, 0L), (caps.PipeMaxSize, caps.MemAvailableMb));
    }

    [Theory]
    [InlineData("yes", 4194304, true)]
    [InlineData("yes", 4194303, false)]
    [InlineData("no", 4194304, false)]
    public void CanLazy_UserfaultfdAndPipeSize_BothNeeded(string uffd, long pipe, bool expected)
    {
        var caps = HostCapabilities.FromMetrics("h", new Dictionary<string, string> { ["feature.uffd-noncoop"] = uffd, ["pipe_max_size"] = pipe.ToString() });

        Assert.Equal(expected, caps.CanLazy);
    }
}

using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Sampling;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Planning;

namespace Ferry.MigrationSteps.Tests.Strategies;

public sealed class StrategyChooserTests
{
    private static readonly HostCapabilities Source = PreflightTests.Host("aws-w1", running: true);
    private static readonly HostCapabilities Target = PreflightTests.Host("gcp-w1", running: false);

    private static (StrategyKind? Kind, string Reason) Choose(StrategyKind requested, HostCapabilities source, HostCapabilities target, AppSample? sample = null)
    {
        var (strategy, reason) = StrategyChooser.Choose(requested, source, target, sample);
        return (strategy?.Kind, reason);
    }

    [Fact]
    public void Choose_AutoBothCanLazy_Lazy()
    {
        Assert.Equal(
            (StrategyKind.Lazy, "both hosts support post-copy (userfaultfd): downtime does not grow with memory size"),
            Choose(StrategyKind.Auto, Source, Target));
    }

    [Fact]
    public void Choose_AutoOneWithoutUserfaultfd_PageServer()
    {
        Assert.Equal(
            (StrategyKind.PageServer, "no userfaultfd on both hosts; memory streams to a page server during the dump"),
            Choose(StrategyKind.Auto, Source, Target with { Userfaultfd = false }));
    }

    [Fact]
    public void Choose_AutoSmallPipes_PageServer()
    {
        Assert.Equal(StrategyKind.PageServer, Choose(StrategyKind.Auto, Source with { PipeMaxSize = 1048576 }, Target).Kind);
    }

    [Fact]
    public void Choose_AutoNeitherLazyNorPageServer_Cold()
    {
        Assert.Equal(
            (StrategyKind.Cold, "neither post-copy nor a page server is available"),
            Choose(StrategyKind.Auto, Source with { Userfaultfd = false }, Target with { PageServer = false }));
    }

    [Fact]
    public void Choose_LazyWithoutUserfaultfd_RefusedNamingBothHosts()
    {
        Assert.Equal(
            (null, "strategy lazy needs userfaultfd and a pipe-max-size of at least 4194304 on both hosts (aws-w1: userfaultfd yes, pipe-max-size 4194304; gcp-w1: userfaultfd no, pipe-max-size 4194304); use --strategy auto"),
            Choose(StrategyKind.Lazy, Source, Target with { Userfaultfd = false }));
    }

    [Fact]
    public void Choose_PageServerUnsupported_Refused()
    {
        Assert.Equal(
            (null, "strategy pageserver needs criu page-server on both hosts; use --strategy auto"),
            Choose(StrategyKind.PageServer, Source with { PageServer = false }, Target));
    }

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.Precopy)]
    public void Choose_ExplicitAlwaysPossible_Requested(StrategyKind strategy)
    {
        Assert.Equal((strategy, "requested"), Choose(strategy, Source with { Userfaultfd = false, PageServer = false }, Target));
    }

    [Theory]
    [InlineData(true, typeof(PrecopyStrategy), "strategies/precopy/dump-tracked.sh")]
    [InlineData(false, typeof(PrecopyStrategy), "strategies/cold/dump.sh")]
    public void Choose_Precopy_UsesRealPreDumpsOnlyWhereBothKernelsTrackDirtyMemory(bool targetTracks, Type type, string dump)
    {
        var (strategy, _) = StrategyChooser.Choose(StrategyKind.Precopy, Source, Target with { DirtyMemoryTracking = targetTracks });

        Assert.IsType(type, strategy);
        Assert.Equal(dump, strategy!.Partials.Dump);
    }

    private const long Mib = 1 << 20;
    private const double Mbit100 = 12.5e6;

    [Fact]
    public void Choose_AutoStaticMemoryReadWhole_HybridWithTheFiguresInTheReason()
    {
        var sample = new AppSample(512 * Mib, 0.1 * Mib, 0, Mbit100, AppSample.FromStack, WorkingSetBytes: 512 * Mib);

        Assert.Equal(
            (StrategyKind.Hybrid, "memory 512 MiB, rewritten 0 MiB then 0.1 MiB/s more, touched 512 MiB then 0 MiB/s more, link 100 Mbit/s (stack); longest client wait expected: hybrid 1.85 s, lazy 43.45 s, cold 44.79 s"),
            Choose(StrategyKind.Auto, Source, Target, sample));
    }

    [Fact]
    public void Choose_AutoLargeMemorySmallWorkingSet_Lazy()
    {
        // redis with 512 MiB under INCR of a few keys: the same few pages touched again and again.
        var sample = new AppSample(512 * Mib, 0.5 * Mib, 0, Mbit100, AppSample.FromStack, WorkingSetBytes: 2 * Mib);

        Assert.Equal(StrategyKind.Lazy, Choose(StrategyKind.Auto, Source, Target, sample).Kind);
    }

    [Fact]
    public void Choose_AutoRequestsSpreadOverAllOfMemory_HybridThoughLittleIsTouchedPerSecond()
    {
        // What the bench sampled of redis with 512 MiB under 10 clients reading random keys; lazy then left
        // clients waiting 6.6-10 s (17-40 s with text values), hybrid 3.7-3.8 s.
        var sample = new AppSample(688 * Mib, 1.68 * Mib, 11 * Mib, Mbit100, AppSample.FromStack, WorkingSetBytes: 6 * Mib);

        var estimates = StrategyChooser.Estimates(sample, canLazy: true);

        Assert.Equal(StrategyKind.Hybrid, Choose(StrategyKind.Auto, Source, Target, sample).Kind);
        Assert.InRange(estimates[StrategyKind.Lazy], 40, 60);
    }

    [Fact]
    public void Choose_AutoHotSetRewrittenFasterThanTheLink_HybridCarriesOnlyTheSetInTheFreeze()
    {
        // WordPress under 400 clients: PHP's workers and MariaDB rewrite the same 20 MiB again and again, and
        // requests reach most of memory. Counting the rewrites as a rate over all of memory, auto had expected
        // hybrid to wait as long as cold (14.7 s) and chose lazy: 14.3 s of downtime, where hybrid gave 6.0 s.
        var sample = new AppSample(164 * Mib, 0.5 * Mib, 82 * Mib, Mbit100, AppSample.FromStack, WorkingSetBytes: 133 * Mib, DirtySetBytes: 20 * Mib);

        var estimates = StrategyChooser.Estimates(sample, canLazy: true);

        Assert.Equal(StrategyKind.Hybrid, Choose(StrategyKind.Auto, Source, Target, sample).Kind);
        Assert.InRange(estimates[StrategyKind.Hybrid], 2, 3);
    }

    [Fact]
    public void Choose_AutoRewritesFasterThanTheLink_LazyNotPreCopy()
    {
        var sample = new AppSample(512 * Mib, 50 * Mib, 50 * Mib, Mbit100, AppSample.FromStack);

        var estimates = StrategyChooser.Estimates(sample, canLazy: true);

        Assert.Equal(StrategyKind.Lazy, Choose(StrategyKind.Auto, Source, Target, sample).Kind);
        Assert.Equal(estimates[StrategyKind.Cold], estimates[StrategyKind.Hybrid], 6);
    }

    [Fact]
    public void Choose_AutoWholeMemoryReadWithoutPostCopy_HybridAndSaysLazyWasNotPossible()
    {
        var sample = new AppSample(64 * Mib, 0, 1 * Mib, Mbit100, AppSample.Measured);

        var (kind, reason) = Choose(StrategyKind.Auto, Source, Target with { Userfaultfd = false }, sample);

        Assert.Equal(StrategyKind.Hybrid, kind);
        Assert.EndsWith("longest client wait expected: hybrid 0.67 s, cold 6.04 s (no post-copy on these hosts)", reason);
    }

    [Fact]
    public void Choose_AutoSmallMemoryFastLink_HybridOverCold()
    {
        var sample = new AppSample(10 * Mib, 0.05 * Mib, 10 * Mib, 1.25e9, AppSample.Measured);

        Assert.Equal(StrategyKind.Hybrid, Choose(StrategyKind.Auto, Source, Target with { Userfaultfd = false }, sample).Kind);
    }

    [Theory]
    [InlineData(true, "strategies/hybrid/dump-tracked.sh", "strategies/hybrid/pre-dump-tracked.sh", null)]
    [InlineData(false, "strategies/cold/dump.sh", "strategies/hybrid/pre-dump.sh", "strategies/hybrid/transfer.sh")]
    public void Choose_AutoHybrid_PreDumpRoundsOnlyWhereBothKernelsTrackDirtyMemory(bool tracks, string dump, string preDump, string? transfer)
    {
        var sample = new AppSample(512 * Mib, 0, 512 * Mib, Mbit100, AppSample.FromStack);

        var (strategy, _) = StrategyChooser.Choose(StrategyKind.Auto, Source with { DirtyMemoryTracking = tracks }, Target with { DirtyMemoryTracking = tracks }, sample);

        var hybrid = Assert.IsType<HybridStrategy>(strategy);
        Assert.Equal((tracks, dump, preDump, transfer), (hybrid.DirtyTracking, hybrid.Partials.Dump, hybrid.Partials.PreDump, hybrid.Partials.Transfer));
    }

    [Fact]
    public void Choose_HybridRequested_RunsWithoutUserfaultfdOrPageServer()
    {
        Assert.Equal((StrategyKind.Hybrid, "requested"), Choose(StrategyKind.Hybrid, Source with { Userfaultfd = false, PageServer = false }, Target));
    }
}

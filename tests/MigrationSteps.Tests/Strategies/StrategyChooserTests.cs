using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Planning;

namespace Ferry.MigrationSteps.Tests.Strategies;

public sealed class StrategyChooserTests
{
    private static readonly HostCapabilities Source = PreflightTests.Host("aws-w1", running: true);
    private static readonly HostCapabilities Target = PreflightTests.Host("gcp-w1", running: false);

    private static (StrategyKind? Kind, string Reason) Choose(StrategyKind requested, HostCapabilities source, HostCapabilities target)
    {
        var (strategy, reason) = StrategyChooser.Choose(requested, source, target);
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
}

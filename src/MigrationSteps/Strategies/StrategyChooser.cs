using Ferry.MigrationSteps.Hosts;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>Picks the strategy for <see cref="StrategyKind.Auto"/>, and refuses a requested one the hosts cannot run.</summary>
public static class StrategyChooser
{
    /// <returns>The strategy and why it was chosen, or the reason it cannot run.</returns>
    public static (MigrationStrategy? Strategy, string Reason) Choose(StrategyKind requested, HostCapabilities source, HostCapabilities target)
    {
        var dirty = source.DirtyMemoryTracking && target.DirtyMemoryTracking;
        if (requested != StrategyKind.Auto)
        {
            var strategy = MigrationStrategy.For(requested, dirty);
            return strategy.Unsupported(source, target) is { } why ? (null, why) : (strategy, "requested");
        }

        var lazy = new LazyStrategy();
        if (lazy.Unsupported(source, target) is null)
        {
            return (lazy, "both hosts support post-copy (userfaultfd): downtime does not grow with memory size");
        }

        var pageServer = new PageServerStrategy();
        return pageServer.Unsupported(source, target) is null
            ? (pageServer, "no userfaultfd on both hosts; memory streams to a page server during the dump")
            : (new ColdStrategy(), "neither post-copy nor a page server is available");
    }
}

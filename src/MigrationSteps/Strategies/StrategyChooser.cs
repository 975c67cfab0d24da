using System.Globalization;
using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Sampling;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>Picks the strategy for <see cref="StrategyKind.Auto"/>, and refuses a requested one the hosts cannot run.</summary>
public static class StrategyChooser
{
    /// <summary>Engine, health check and cut-over: what any move costs its clients besides moving memory.</summary>
    public const double FixedSeconds = 0.5;

    /// <summary>Bytes per second of memory through a freeze on one machine: dump, compare, rebuild and restore together.</summary>
    public const double LocalBytesPerSecond = 400e6;

    /// <summary>How long the last round's changes pile up before the freeze takes them.</summary>
    public const double LastRoundSeconds = 1.0;

    /// <returns>The strategy and why it was chosen, or the reason it cannot run.</returns>
    /// <param name="sample">What the application and the link were measured to do; without it, auto goes by the hosts alone.</param>
    public static (MigrationStrategy? Strategy, string Reason) Choose(StrategyKind requested, HostCapabilities source, HostCapabilities target, AppSample? sample = null)
    {
        var dirty = source.DirtyMemoryTracking && target.DirtyMemoryTracking;
        if (requested != StrategyKind.Auto)
        {
            var strategy = MigrationStrategy.For(requested, dirty, target.CanLazy);
            return strategy.Unsupported(source, target) is { } why ? (null, why) : (strategy, "requested");
        }

        var lazy = new LazyStrategy();
        if (sample is not null)
        {
            return ByEstimate(sample, lazy.Unsupported(source, target) is null, dirty, target.CanLazy);
        }

        if (lazy.Unsupported(source, target) is null)
        {
            return (lazy, "both hosts support post-copy (userfaultfd): downtime does not grow with memory size");
        }

        var pageServer = new PageServerStrategy();
        return pageServer.Unsupported(source, target) is null
            ? (pageServer, "no userfaultfd on both hosts; memory streams to a page server during the dump")
            : (new ColdStrategy(), "neither post-copy nor a page server is available");
    }

    /// <summary>
    /// The longest wait a client should see with each strategy, from the sample: cold ships all memory in
    /// the freeze; lazy answers at once but a request waits for the memory it touches while all of it crosses;
    /// hybrid ships memory ahead and, in the freeze, dumps and restores locally plus what changed since the
    /// last round: the set the application rewrites again and again, and what it reaches beyond that in a
    /// round (all of memory, when that grows faster than the link carries it).
    /// </summary>
    public static IReadOnlyDictionary<StrategyKind, double> Estimates(AppSample s, bool canLazy)
    {
        var link = Math.Max(1, s.LinkBytesPerSecond);
        var memory = (double)s.MemoryBytes;
        var local = memory / LocalBytesPerSecond;
        var changed = s.DirtyBytesPerSecond < link
            ? Math.Min(memory, s.DirtySetBytes + s.DirtyBytesPerSecond * LastRoundSeconds)
            : memory;
        var estimates = new Dictionary<StrategyKind, double>
        {
            [StrategyKind.Hybrid] = FixedSeconds + local + changed / link,
            [StrategyKind.Cold] = FixedSeconds + local + memory / link,
        };
        if (canLazy)
        {
            // Every page crosses after the restore, which takes memory / link; what requests touch in that time
            // they wait for (the working set, and the pages they keep reaching beyond it).
            var needed = Math.Min(memory, s.WorkingSetBytes + s.TouchedBytesPerSecond * memory / link);
            estimates[StrategyKind.Lazy] = FixedSeconds + needed / link;
        }

        return estimates;
    }

    private static (MigrationStrategy, string) ByEstimate(AppSample sample, bool canLazy, bool dirtyTracking, bool targetLazy)
    {
        var estimates = Estimates(sample, canLazy);

        // Ties go to the first: hybrid keeps a full copy on the target, lazy depends on the source until the last page.
        var order = new[] { StrategyKind.Hybrid, StrategyKind.Lazy, StrategyKind.Cold }.Where(estimates.ContainsKey).ToList();
        var best = order.OrderBy(k => Math.Round(estimates[k], 2)).First();
        var figures = string.Join(", ", order.Select(k => string.Create(CultureInfo.InvariantCulture, $"{Name(k)} {estimates[k]:0.0#} s")));
        var why = $"{sample.Describe()}; longest client wait expected: {figures}{(canLazy ? "" : " (no post-copy on these hosts)")}";
        return (MigrationStrategy.For(best, dirtyTracking, targetLazy), why);
    }

    private static string Name(StrategyKind kind) => kind.ToString().ToLowerInvariant();
}

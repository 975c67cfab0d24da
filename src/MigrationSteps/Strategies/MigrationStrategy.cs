using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>
/// How memory gets from the source to the target. Each strategy contributes its own templates to the
/// generic steps (<see cref="Partials"/>) and may add steps of its own before the checkpoint.
/// </summary>
public abstract class MigrationStrategy
{
    public abstract StrategyKind Kind { get; }

    /// <summary>The strategy's name in results and on the command line.</summary>
    public string Name => Kind.ToString().ToLowerInvariant();

    public abstract StrategyPartials Partials { get; }

    /// <summary>Why the two hosts cannot run this strategy, or null when they can.</summary>
    public virtual string? Unsupported(HostCapabilities source, HostCapabilities target) => null;

    /// <summary>
    /// On rollback the target stops before the source resumes: the source's frozen tasks are held by a dump
    /// that serves the target until the target lets go.
    /// </summary>
    public virtual bool TargetStopsFirst => false;

    /// <summary>Steps the strategy runs while the application still runs, after the target is prepared.</summary>
    public virtual IReadOnlyList<MigrationStep> BeforeFreeze(PlanContext context, MigrationStep prepared) => [];

    /// <summary>The class of a concrete strategy.</summary>
    /// <param name="dirtyTracking">Both hosts' kernels track dirty memory (pre-copy then sends only what changed).</param>
    /// <param name="targetLazy">The target has userfaultfd (hybrid then restores without waiting for its memory).</param>
    public static MigrationStrategy For(StrategyKind kind, bool dirtyTracking = false, bool targetLazy = false) => kind switch
    {
        StrategyKind.Cold => new ColdStrategy(),
        StrategyKind.Precopy => new PrecopyStrategy(dirtyTracking),
        StrategyKind.PageServer => new PageServerStrategy(),
        StrategyKind.Lazy => new LazyStrategy(),
        StrategyKind.Hybrid => new HybridStrategy(dirtyTracking, targetLazy),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "choose a concrete strategy first (StrategyChooser)"),
    };
}

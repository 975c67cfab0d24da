using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>
/// Pre-copy: memory and files go to the target while the application runs; the final dump's transfer
/// sends only what changed. With dirty-memory tracking a real criu pre-dump is the final dump's parent;
/// without it (kernels lacking soft-dirty) a full dump that leaves the application running is shipped
/// ahead, and rsync sends only the changed blocks of the final images.
/// </summary>
public sealed class PrecopyStrategy(bool dirtyTracking) : MigrationStrategy
{
    public bool DirtyTracking { get; } = dirtyTracking;

    public override StrategyKind Kind => StrategyKind.Precopy;

    public override StrategyPartials Partials { get; } = dirtyTracking
        ? new("strategies/precopy/dump-tracked.sh", PreDump: "strategies/precopy/pre-dump-tracked.sh")
        : new("strategies/cold/dump.sh", PreDump: "strategies/precopy/pre-dump.sh");

    public override IReadOnlyList<MigrationStep> BeforeFreeze(PlanContext context, MigrationStep prepared) =>
    [
        new MigrationStep<PreDumpInputs>(context.Source.Name, StepRole.Source, new PreDumpInputs(context.SourceContainers, context.Target.PrivateIp, Partials), [prepared]),
    ];
}

using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>
/// Post-copy: the target restores from everything but memory, and its lazy-pages daemon fetches pages on
/// demand from the source's dump process, which stays up until it has served the last one. The source's
/// tasks stay frozen, not killed, until then: should the target fail before it has every page, the source
/// resumes them with their state as it was at the freeze.
/// </summary>
public sealed class LazyStrategy : MigrationStrategy
{
    public override StrategyKind Kind => StrategyKind.Lazy;

    public override StrategyPartials Partials { get; } = new(
        "strategies/lazy/dump.sh",
        Restore: "strategies/lazy/restore.sh",
        SourceDone: "strategies/lazy/source-done.sh",
        TargetDone: "strategies/lazy/target-done.sh",
        DumpSetup: "strategies/lazy/dump-setup.sh");

    public override string? Unsupported(HostCapabilities source, HostCapabilities target) =>
        source.CanLazy && target.CanLazy
            ? null
            : $"strategy lazy needs userfaultfd and a pipe-max-size of at least {HostCapabilities.LazyPipeSize} on both hosts ({Describe(source)}; {Describe(target)}); use --strategy auto";

    public override bool TargetStopsFirst => true;

    private static string Describe(HostCapabilities h) => $"{h.Host}: userfaultfd {(h.Userfaultfd ? "yes" : "no")}, pipe-max-size {h.PipeMaxSize}";
}

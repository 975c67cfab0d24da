using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>Memory streams to a criu page server on the target during the dump; the rest follows by rsync.</summary>
public sealed class PageServerStrategy : MigrationStrategy
{
    public override StrategyKind Kind => StrategyKind.PageServer;

    public override StrategyPartials Partials { get; } = new(
        "strategies/pageserver/dump.sh",
        PrepareTarget: "strategies/pageserver/prepare-target.sh",
        RollbackFetch: "strategies/pageserver/rollback-fetch.sh");

    public override string? Unsupported(HostCapabilities source, HostCapabilities target) =>
        source.PageServer && target.PageServer ? null : "strategy pageserver needs criu page-server on both hosts; use --strategy auto";
}

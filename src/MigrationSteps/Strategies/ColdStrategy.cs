using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>Checkpoint, transfer every image, restore: the application is down for all of it.</summary>
public sealed class ColdStrategy : MigrationStrategy
{
    public override StrategyKind Kind => StrategyKind.Cold;

    public override StrategyPartials Partials { get; } = new("strategies/cold/dump.sh");
}

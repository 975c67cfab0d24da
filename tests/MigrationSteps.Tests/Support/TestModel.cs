using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Templates;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Support;

/// <summary>The shipped counter application placed on the fake inventory, and plans built from it.</summary>
public static class TestModel
{
    public const string RunId = "20261122-023000-counter";

    public static TemplateRenderer Templates { get; } = new();

    public static AppDefinition Counter { get; } = AppFile.Load(Path.Combine(RepoPaths.Stacks, "apps"), "counter");

    /// <param name="app">The application to plan for; the counter app when null.</param>
    public static MigrationPlan Plan(StrategyKind strategy, bool dirtyTracking = false, bool compress = false, AppDefinition? app = null, HostInventory? inventory = null, bool targetLazy = false)
    {
        app ??= Counter;
        inventory ??= FakeInventory.Create();
        var factory = new ContainerInputsFactory(Templates, inventory);
        return PlanBuilder.Build(
            MigrationStrategy.For(strategy, dirtyTracking, targetLazy),
            PlanBuilder.Context(inventory, app, FakeInventory.Source, FakeInventory.Target,
                factory.For(app, FakeInventory.Source, RunId), factory.For(app, FakeInventory.Target, RunId), compress));
    }

    /// <summary>The ids of some steps, for comparing dependencies.</summary>
    public static IEnumerable<string> Ids(IEnumerable<MigrationStep>? steps) => (steps ?? []).Select(s => s.Id);
}

using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Planning;
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
    public static MigrationPlan Plan(MigrationStrategy strategy, bool dirtyTracking = false, bool compress = false, AppDefinition? app = null)
    {
        app ??= Counter;
        var inventory = FakeInventory.Create();
        var factory = new ContainerInputsFactory(Templates, inventory);
        return PlanBuilder.Build(
            strategy, inventory, app, FakeInventory.Source, FakeInventory.Target,
            factory.For(app, FakeInventory.Source, RunId), factory.For(app, FakeInventory.Target, RunId),
            dirtyTracking, compress);
    }
}

namespace Ferry.Cli.Tests.Dashboard;

/// <summary>The browser tests that share one booted stack with the dashboard serving it.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardStack>
{
    public const string Name = "dashboard cloud";
}

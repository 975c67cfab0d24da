namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>The tests that share one local cloud with deployed applications.</summary>
[CollectionDefinition(Name)]
public sealed class MigrationCollection : ICollectionFixture<MigrationFixture>
{
    public const string Name = "migration cloud";
}

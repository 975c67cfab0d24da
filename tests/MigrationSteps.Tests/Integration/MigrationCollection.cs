using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>The tests that share one local cloud with deployed applications.</summary>
[CollectionDefinition(Name)]
public sealed class MigrationCollection : ICollectionFixture<MigrationFixture>
{
    public const string Name = "migration cloud";
}

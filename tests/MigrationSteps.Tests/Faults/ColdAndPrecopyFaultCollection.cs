namespace Ferry.MigrationSteps.Tests.Faults;

[CollectionDefinition(Name)]
public sealed class ColdAndPrecopyFaultCollection : ICollectionFixture<ColdAndPrecopyFaultCloud>
{
    public const string Name = "fault cloud: cold, precopy";
}

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault matrix's own local cloud, so it runs beside the other migration tests.</summary>
[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultFixture>
{
    public const string Name = "fault cloud";
}

namespace Ferry.MigrationSteps.Tests.Faults;

[CollectionDefinition(Name)]
public sealed class HybridFaultCollection : ICollectionFixture<HybridFaultCloud>
{
    public const string Name = "fault cloud: hybrid";
}

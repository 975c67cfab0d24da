namespace Ferry.MigrationSteps.Tests.Faults;

[CollectionDefinition(Name)]
public sealed class PageServerAndLazyFaultCollection : ICollectionFixture<PageServerAndLazyFaultCloud>
{
    public const string Name = "fault cloud: page server, lazy";
}

namespace Ferry.Stacks.Tests.Local;

/// <summary>The tests that share one booted local cloud.</summary>
[CollectionDefinition(Name)]
public sealed class LocalCloudCollection : ICollectionFixture<LocalCloudFixture>
{
    public const string Name = "local cloud";
}

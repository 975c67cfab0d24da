namespace Ferry.Provisioning.Tests.Ssh;

/// <summary>The tests that share one booted local cloud for SSH.</summary>
[CollectionDefinition(Name)]
public sealed class SshCollection : ICollectionFixture<SshFixture>
{
    public const string Name = "ssh local cloud";
}

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>Tests sharing the twin of stacks/aws-gcp.yaml.</summary>
[CollectionDefinition(Name)]
public sealed class TwinAwsGcpCollection : ICollectionFixture<TwinAwsGcpFixture>
{
    public const string Name = "twin aws-gcp";
}

/// <summary>Tests sharing the twin of stacks/gcp-azure.yaml.</summary>
[CollectionDefinition(Name)]
public sealed class TwinGcpAzureCollection : ICollectionFixture<TwinGcpAzureFixture>
{
    public const string Name = "twin gcp-azure";
}

[Collection(TwinAwsGcpCollection.Name)]
public sealed class TwinAwsGcpTests(TwinAwsGcpFixture twin) : TwinTests(twin);

[Collection(TwinGcpAzureCollection.Name)]
public sealed class TwinGcpAzureTests(TwinGcpAzureFixture twin) : TwinTests(twin);

using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>A twin for migration tests: the shipped applications, a deployer, where each app runs, and a runs directory removed afterwards.</summary>
public abstract class TwinAppStack(string cloudStack, string name, string internet) : TwinStack(cloudStack, name, internet)
{
    public string Runs { get; } = Directory.CreateTempSubdirectory("ferry-runs-").FullName;

    public AppDefinition Counter => AppFile.Load(AppStack.AppsDirectory, "counter");

    public AppDefinition Redis => AppFile.Load(AppStack.AppsDirectory, "redis");

    public AppDeployer Deployer => new(Remote, Inventory, Twin.StateDirectory) { AppsDirectory = AppStack.AppsDirectory };

    public Migrator Migrator => new(Remote, Inventory, Twin.StateDirectory);

    public RunRecorder Recorder => new(Runs);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Runs, recursive: true);
    }
}

/// <summary>The twin of stacks/aws-gcp.yaml.</summary>
public sealed class TwinAwsGcpFixture() : TwinAppStack("aws-gcp", "twag", "10.231.0.0/24");

/// <summary>The twin of stacks/gcp-azure.yaml.</summary>
public sealed class TwinGcpAzureFixture() : TwinAppStack("gcp-azure", "twgz", "10.232.0.0/24");

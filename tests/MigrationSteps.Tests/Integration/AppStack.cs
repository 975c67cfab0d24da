using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>A local stack for migration tests: the shipped applications, a deployer, where each app runs, and a runs directory removed afterwards.</summary>
public abstract class AppStack(string name, string management) : LocalStack(name, management)
{
    public string Runs { get; } = Directory.CreateTempSubdirectory("ferry-runs-").FullName;

    public static string AppsDirectory => Path.Combine(RepoPaths.Stacks, "apps");

    public AppDefinition Counter => AppFile.Load(AppsDirectory, "counter");

    public AppDefinition Redis => AppFile.Load(AppsDirectory, "redis");

    public AppDeployer Deployer => new(Remote, Inventory, Cloud.StateDirectory) { AppsDirectory = AppsDirectory };

    public Migrator Migrator => new(Remote, Inventory, Cloud.StateDirectory);

    public RunRecorder Recorder => new(Runs);

    public string Where(string app) => AppPlacement.Load(Cloud.StateDirectory, app)!.Host;

    /// <summary>The id of the newest migration run (its images live under /var/lib/ferry/migrate/ID on the hosts).</summary>
    public string LatestRun() => Path.GetFileName(Directory.GetDirectories(Runs).OrderBy(Directory.GetCreationTimeUtc).Last());

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Runs, recursive: true);
    }
}

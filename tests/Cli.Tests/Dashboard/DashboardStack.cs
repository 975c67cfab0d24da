using System.Net;
using Ferry.Cli.Dashboard;
using Ferry.MigrationSteps.Apps;
using Ferry.Stacks.Files;
using Ferry.TestSupport;

namespace Ferry.Cli.Tests.Dashboard;

/// <summary>
/// A booted local stack ("fdash", management 10.242.0.0/24) from a stack file beside its own apps/, with the
/// counter deployed on aws-w1, and <c>ferry dashboard</c>'s server on a free port of 127.0.0.1 for that file.
/// </summary>
public sealed class DashboardStack : LocalStack
{
    private readonly string _directory;
    private DashboardServer? _server;

    public DashboardStack()
        : this(Directory.CreateTempSubdirectory("ferry-dash-").FullName)
    {
    }

    private DashboardStack(string directory)
        : base(StackFile.Load(WriteStack(directory)))
    {
        _directory = directory;
    }

    public string StackPath => Path.Combine(_directory, "fdash.yaml");

    public string AppsDirectory => Path.Combine(_directory, "apps");

    public string Runs => Path.Combine(_directory, "runs");

    public DashboardServer Server => _server ?? throw new InvalidOperationException("the dashboard has not started");

    public AppDeployer Deployer => new(Remote, Inventory, Cloud.StateDirectory) { AppsDirectory = AppsDirectory };

    public AppDefinition Counter => AppFile.Load(AppsDirectory, "counter");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Deployer.DeployAsync(Counter, "aws-w1");
        _server = await DashboardServer.StartAsync(new DashboardOptions(StackPath, IPAddress.Loopback, 0, Runs), CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The repository's default stack under this test's name and management range, with a copy of its applications.</summary>
    private static string WriteStack(string directory)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Stacks, "local.yaml"));
        var renamed = text.Replace("name: local\n", "name: fdash\n").Replace("management: 10.250.0.0/24", "management: 10.242.0.0/24");
        Assert.NotEqual(text, renamed);
        Assert.Contains("name: fdash\n", renamed);
        Assert.Contains("management: 10.242.0.0/24", renamed);
        var path = Path.Combine(directory, "fdash.yaml");
        File.WriteAllText(path, renamed);
        Directory.CreateDirectory(Path.Combine(directory, "apps"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Stacks, "apps"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(directory, "apps", Path.GetFileName(file)));
        }

        return path;
    }
}

using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>A local cloud with the counter and redis applications deployed on the first site.</summary>
public sealed class MigrationFixture() : AppStack("fmig", "10.247.0.0/24")
{
    public const int RedisDataMb = 16;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Deployer.DeployAsync(Counter, "aws-w1");
        await Deployer.DeployAsync(Redis, "aws-w1", RedisDataMb);
    }

    public static string Other(string host) => host == "aws-w1" ? "gcp-w1" : "aws-w1";

    public Task<MigrationResult> MigrateAsync(AppDefinition app, StrategyKind strategy, Action<StepEvent>? progress = null)
    {
        var from = Where(app.Name);
        return Recorder.RecordAsync(Migrator, new MigrationRequest(app, from, Other(from), strategy), progress);
    }

    /// <summary>One request to the counter through the client's route; returns the counter's new value.</summary>
    public async Task<int> IncrementAsync() => int.Parse(await RunAsync("client", "curl", "-sS", "-m", "10", "http://10.252.0.10:8080/"));

    /// <summary>Runs a command on a host now, from inside an engine progress callback (which is synchronous).</summary>
    public void RunNow(string host, params string[] command) =>
        // Off xunit's synchronization context, so blocking here cannot wait on this thread's own continuations.
        Task.Run(() => RunAsync(host, command)).GetAwaiter().GetResult();

    /// <summary>Whatever a migration could leave on a host: runc containers, network namespaces, bundles, images, mounts.</summary>
    public async Task<string> LeftoversAsync(string host, string app) =>
        await RunAsync(host, "sh", "-c",
            $"ls /run/runc 2>/dev/null | grep '^{app}-' ; grep -o ' /run/runc/{app}-[^ ]*' /proc/mounts ; ip netns list | grep 'ctr-{app}-' ; ls -d /var/lib/ferry/apps/{app} 2>/dev/null ; ls /var/lib/ferry/migrate 2>/dev/null | grep . ; grep -o ' /var/lib/ferry/migrate[^ ]*' /proc/mounts ; true");
}

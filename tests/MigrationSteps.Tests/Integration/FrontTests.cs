using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>What clients of the front see while the counter moves: no failed request, no lost increment.</summary>
[Collection(MigrationCollection.Name)]
public class FrontTests(MigrationFixture cloud)
{
    private const int Clients = 50;

    private Task<MigrationResult> MigrateUnderLoadAsync(StrategyKind strategy, Action<StepEvent>? progress = null)
    {
        var from = cloud.Where("counter");
        var request = new MigrationRequest(cloud.Counter, from, MigrationFixture.Other(from), strategy);
        return cloud.Recorder.RecordAsync(new ProbedMigration(cloud.Migrator, new ClientProbe(cloud.Remote, cloud.Inventory), new ProbeOptions(Clients, Seconds: 60)), request, progress);
    }

    private async Task<long> PeekAsync() => long.Parse(await cloud.RunAsync("client", "curl", "-sS", "-m", "10", "http://10.251.0.100/peek"));

    [Theory]
    [InlineData(StrategyKind.Lazy)]
    [InlineData(StrategyKind.Cold)]
    public async Task Migrate_Under50Clients_NoRequestFailsAndNoIncrementIsLost(StrategyKind strategy)
    {
        var before = await PeekAsync();

        var result = await MigrateUnderLoadAsync(strategy);

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        var probe = result.Probe!;
        Assert.True(probe.Requests > Clients, $"only {probe.Requests} requests were made");
        Assert.True(probe.Failed == 0, $"{probe.Failed} failed: {string.Join(", ", probe.Failures.Select(f => $"{f.Key} x{f.Value}"))}");
        Assert.Equal(before + probe.Succeeded, await PeekAsync());
        Assert.True(File.Exists(Path.Combine(cloud.Runs, result.Id, "probe.csv")));
    }

    [Fact]
    public async Task Migrate_FailsUnderLoad_FrontKeepsServingFromTheSource()
    {
        var from = cloud.Where("counter");
        var before = await PeekAsync();

        var result = await MigrateUnderLoadAsync(StrategyKind.Cold, e =>
        {
            if (e is { Phase: StepEventPhase.Finished, Result: { Kind: StepKind.Transfer, Status: StepStatus.Succeeded } })
            {
                var run = cloud.LatestRun();
                cloud.RunNow(MigrationFixture.Other(from), "sh", "-c", $"for f in /var/lib/ferry/migrate/{run}/*/core-*.img; do printf garbage > \"$f\"; done");
            }
        });

        Assert.Equal(MigrationOutcome.RolledBack, result.Outcome);
        Assert.Equal(from, result.RunningOn);
        Assert.Equal(0, result.Probe!.Failed);
        Assert.Equal(before + result.Probe.Succeeded, await PeekAsync());
        Assert.Contains(result.Steps, s => s.Kind == StepKind.Release && s.Status == StepStatus.Succeeded);
    }
}

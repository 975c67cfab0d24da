using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>Two moves at the same time between the same hosts.</summary>
[Collection(MigrationCollection.Name)]
public class ConcurrentMoveTests(MigrationFixture cloud)
{
    private const string Checksum =
        "local keys = redis.call('KEYS', '*') table.sort(keys) local acc = '' " +
        "for _, k in ipairs(keys) do acc = redis.sha1hex(acc .. k .. redis.call('GET', k)) end return {#keys, acc}";

    private async Task SameHostAsync()
    {
        // Both apps must start from the same host, so that both moves go the same way.
        var counter = cloud.Where("counter");
        if (cloud.Where("redis") != counter)
        {
            var moved = await cloud.MigrateAsync(cloud.Redis, StrategyKind.Cold);
            Assert.True(moved.Outcome == MigrationOutcome.Succeeded, moved.Reason);
        }
    }

    [Theory]
    [InlineData(StrategyKind.PageServer)]
    [InlineData(StrategyKind.Lazy)]
    public async Task Migrate_TwoAppsAtOnceBetweenTheSameHosts_BothMoveWithTheirState(StrategyKind strategy)
    {
        await SameHostAsync();
        var from = cloud.Where("counter");
        var before = await cloud.IncrementAsync();
        var checksum = await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", Checksum, "0");

        var results = await Task.WhenAll(cloud.MigrateAsync(cloud.Counter, strategy), cloud.MigrateAsync(cloud.Redis, strategy));

        Assert.All(results, r => Assert.True(r.Outcome == MigrationOutcome.Succeeded, $"{r.App}: {r.Reason}"));
        Assert.All(results, r => Assert.Equal(MigrationFixture.Other(from), r.RunningOn));
        Assert.Equal(before + 1, await cloud.IncrementAsync());
        Assert.Equal(checksum, await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", Checksum, "0"));
        foreach (var app in new[] { "counter", "redis" })
        {
            // Only these two moves' remains: an earlier rolled-back move's source images are another test's business.
            var left = string.Join("\n", (await cloud.LeftoversAsync(from, app)).Split('\n')
                .Where(line => !System.Text.RegularExpressions.Regex.IsMatch(line, "^[0-9]{8}-[0-9]{6}-") || results.Any(r => r.Id == line)));
            var cleanup = results.SelectMany(r => r.Steps).Where(s => s.Kind == StepKind.CleanupSource && s.LogPath is not null && File.Exists(s.LogPath)).Select(s => $"{s.LogPath}:\n{File.ReadAllText(s.LogPath!)}");
            Assert.True(left == "", $"left on {from}: {left}\n{string.Join("\n", cleanup)}");
        }
    }

    [Fact]
    public async Task Migrate_SameAppTwiceAtOnce_TheSecondIsRefusedAndSaysWhy()
    {
        var from = cloud.Where("counter");
        var before = await cloud.IncrementAsync();

        var first = cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold);
        var second = cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold);
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));

        var refused = Assert.Single(outcomes, o => o.Error is not null);
        Assert.Matches("^application counter is being moved right now by run [0-9a-z-]+ \\(ferry process [0-9]+\\); wait until that move ends$", refused.Error!.Message);
        var moved = Assert.Single(outcomes, o => o.Result is not null).Result!;
        Assert.True(moved.Outcome == MigrationOutcome.Succeeded, moved.Reason);
        Assert.Equal(MigrationFixture.Other(from), cloud.Where("counter"));
        Assert.Equal(before + 1, await cloud.IncrementAsync());
    }

    private static async Task<(MigrationResult? Result, AppException? Error)> Outcome(Task<MigrationResult> move)
    {
        try
        {
            return (await move, null);
        }
        catch (AppException e)
        {
            return (null, e);
        }
    }
}

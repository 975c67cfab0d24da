using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>What a move exposes on its hosts: image files, and the page servers' ports.</summary>
[Collection(MigrationCollection.Name)]
public class MoveSecurityTests(MigrationFixture cloud)
{
    /// <summary>Files under the run's image directories that others could read, or directories they could list; and how many files there are.</summary>
    private string Exposed(string host, string run) =>
        Now(host, "sh", "-c", "d=/var/lib/ferry/migrate/$0; echo \"files=$(find \"$d\" -type f | wc -l)\"; find \"$d\" \\( -type f -perm /077 \\) -o \\( -type d -perm /077 \\) -printf '%m %p\\n'", run);

    private string Now(string host, params string[] command) => Task.Run(() => cloud.RunAsync(host, command)).GetAwaiter().GetResult();

    [Theory]
    [InlineData(StrategyKind.Cold)]
    [InlineData(StrategyKind.Lazy)]
    public async Task Migrate_ImagesOnBothHosts_OnlyRootCanReadThem(StrategyKind strategy)
    {
        var from = cloud.Where("counter");
        var to = MigrationFixture.Other(from);
        var seen = new Dictionary<string, string>();

        var result = await cloud.MigrateAsync(cloud.Counter, strategy, e =>
        {
            if (e is { Phase: StepEventPhase.Finished, Result.Status: StepStatus.Succeeded } && e.Result.Kind == StepKind.Transfer)
            {
                var run = cloud.LatestRun();
                seen[from] = Exposed(from, run);
                seen[to] = Exposed(to, run);
            }
        });

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Equal(new[] { from, to }.Order(), seen.Keys.Order());
        Assert.All(seen.Values, listing => Assert.Matches("^files=[1-9][0-9]*$", listing));
    }

    [Theory]
    [InlineData(StrategyKind.PageServer, StepKind.PrepareTarget, true)]
    [InlineData(StrategyKind.Lazy, StepKind.Checkpoint, false)]
    public async Task Migrate_PageServerPort_AcceptsOnlyThePeerAndTheRuleGoesAfterwards(StrategyKind strategy, StepKind listening, bool onTarget)
    {
        var from = cloud.Where("counter");
        var to = MigrationFixture.Other(from);
        var server = onTarget ? to : from;
        var serverIp = cloud.Inventory.Host(server).PrivateIp;
        // The listening host's own gateway reaches it directly: any host but the peer must be turned away.
        var stranger = cloud.Inventory.Host(server).Site + "-gw";
        string? port = null, attempt = null;
        var before = await cloud.IncrementAsync();

        var result = await cloud.MigrateAsync(cloud.Counter, strategy, e =>
        {
            if (e is { Phase: StepEventPhase.Finished, Result.Status: StepStatus.Succeeded } && e.Result.Kind == listening)
            {
                port = Now(server, "sh", "-c", "ss -Hltn | awk '{ print $4 }' | sed 's/.*://' | awk '$1 >= 27100 && $1 <= 27999 { print; exit }'");
                attempt = Now(stranger, "sh", "-c", "if timeout 3 bash -c \"exec 3<>/dev/tcp/$0/$1\" 2>/dev/null; then echo connected; else echo refused; fi", serverIp, port);
            }
        });

        Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
        Assert.Matches("^27[1-9][0-9][0-9]$", port);
        Assert.Equal("refused", attempt);
        Assert.Equal(before + 1, await cloud.IncrementAsync());
        Assert.Equal("", await cloud.RunAsync(from, "sh", "-c", "nft list tables | grep ferry_ || true"));
        Assert.Equal("", await cloud.RunAsync(to, "sh", "-c", "nft list tables | grep ferry_ || true"));
    }
}

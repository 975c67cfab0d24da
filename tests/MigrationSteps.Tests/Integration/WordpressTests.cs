using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>The papers' workload: WordPress and MariaDB, two containers moved together under 400 clients that view pages and post comments.</summary>
[Collection(MigrationCollection.Name)]
public class WordpressTests(MigrationFixture cloud)
{
    private const int Clients = 400;

    /// <summary>The stored comments, as "id text" lines, straight from the web container (not through the front).</summary>
    private async Task<string[]> CommentsAsync() =>
        (await cloud.RunAsync("client", "curl", "-sS", "-f", "-m", "20", "http://10.252.0.41/comments.php")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Migrate_HybridUnder400Clients_EveryAcknowledgedCommentSurvivesAndNoRequestFails()
    {
        var wordpress = AppFile.Load(MigrationFixture.AppsDirectory, "wordpress");
        await cloud.Deployer.DeployAsync(wordpress, "aws-w1");
        try
        {
            var before = await CommentsAsync();
            var probed = new ProbedMigration(cloud.Migrator, new ClientProbe(cloud.Remote, cloud.Inventory), new ProbeOptions(Clients, Seconds: 300));

            var result = await cloud.Recorder.RecordAsync(probed, new MigrationRequest(wordpress, "aws-w1", "gcp-w1", StrategyKind.Hybrid));

            Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
            Assert.Equal(("hybrid", "gcp-w1"), (result.Strategy, result.RunningOn));
            var probe = Assert.IsType<ProbeSummary>(result.Probe);
            Assert.True(probe.Failed == 0, $"{probe.Failed} of {probe.Requests} failed: {string.Join(", ", probe.Failures.Select(f => $"{f.Value}× {f.Key}"))}");
            var writes = Assert.IsType<ProbeWrites>(probe.Writes);
            Assert.True(writes.Acknowledged >= 100, $"only {writes.Acknowledged} comments were acknowledged");
            Assert.True(writes.Lost == 0, writes.Describe());
            // The database moved with its files: what was there before, and every acknowledged comment.
            var after = await CommentsAsync();
            Assert.Subset(after.ToHashSet(), before.ToHashSet());
            Assert.True(after.Length >= before.Length + writes.Acknowledged, $"{after.Length} comments after the move, {before.Length} before and {writes.Acknowledged} acknowledged");
            // The site takes writes on the target.
            var posted = await cloud.RunAsync("client", "curl", "-sS", "-m", "20", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                "-d", "comment_post_ID=1&author=test&email=t@example.invalid&comment=after-the-move", "http://10.252.0.41/wp-comments-post.php");
            Assert.Matches(@"^302 .*#comment-\d+$", posted);
            Assert.Contains(await CommentsAsync(), line => line.EndsWith(" after-the-move", StringComparison.Ordinal));
            Assert.Equal("", await cloud.LeftoversAsync("aws-w1", "wordpress"));
        }
        finally
        {
            await cloud.Deployer.RemoveAsync(wordpress);
        }
    }

    [Fact]
    public async Task Migrate_SecondContainerCannotBeRestored_BothRunOnTheSourceAgainWithEveryComment()
    {
        var wordpress = AppFile.Load(MigrationFixture.AppsDirectory, "wordpress");
        await cloud.Deployer.DeployAsync(wordpress, "aws-w1");
        try
        {
            var before = await CommentsAsync();
            var probed = new ProbedMigration(cloud.Migrator, new ClientProbe(cloud.Remote, cloud.Inventory), new ProbeOptions(50, Seconds: 300));

            // The web's images vanish from the target as the restore begins: the database is restored, the web is not.
            var result = await cloud.Recorder.RecordAsync(probed, new MigrationRequest(wordpress, "aws-w1", "gcp-w1", StrategyKind.Hybrid), e =>
            {
                if (e.Phase == StepEventPhase.Started && e.StepId == "restore@gcp-w1")
                {
                    cloud.RunNow("gcp-w1", "rm", "-rf", $"/var/lib/ferry/migrate/{cloud.LatestRun()}/web");
                }
            });

            Assert.Equal((MigrationOutcome.RolledBack, "aws-w1"), (result.Outcome, result.RunningOn));
            Assert.Contains("wordpress-web", result.Reason);
            var probe = Assert.IsType<ProbeSummary>(result.Probe);
            // Held requests went back to the source once it ran again.
            Assert.True(probe.Failed == 0, $"{probe.Failed} of {probe.Requests} failed: {string.Join(", ", probe.Failures.Select(f => $"{f.Value}× {f.Key}"))}");
            var writes = Assert.IsType<ProbeWrites>(probe.Writes);
            Assert.True(writes.Lost == 0, writes.Describe());
            var after = await CommentsAsync();
            Assert.Subset(after.ToHashSet(), before.ToHashSet());
            Assert.True(after.Length >= before.Length + writes.Acknowledged, $"{after.Length} comments after the move, {before.Length} before and {writes.Acknowledged} acknowledged");
            Assert.Equal("wordpress-db\nwordpress-web", await cloud.RunAsync("aws-w1", "sh", "-c", "runc list -q | grep '^wordpress-' | sort"));
            Assert.Equal("", await cloud.LeftoversAsync("gcp-w1", "wordpress"));
        }
        finally
        {
            await cloud.Deployer.RemoveAsync(wordpress);
        }
    }
}

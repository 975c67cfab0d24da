using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Scripts;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

[Collection(MigrationCollection.Name)]
public class HybridTests(MigrationFixture cloud)
{
    private const int DataMb = 32;

    /// <summary>One request to the reader (or the grower): "COUNT MIB CRC" (a checksum of one byte of every page of its data) for /.</summary>
    private Task<string> ReadAsync(string path = "/") => cloud.RunAsync("client", "curl", "-sS", "-m", "20", $"http://10.252.0.30:8080{path}");

    [Fact]
    public async Task Migrate_Hybrid_StaticMemoryCrossesBeforeTheFreezeAndOnlyChangesAfter()
    {
        var reader = AppFile.Load(MigrationFixture.AppsDirectory, "reader");
        await cloud.Deployer.DeployAsync(reader, "aws-w1", DataMb);
        try
        {
            var before = (await ReadAsync()).Split(' ');
            Assert.Equal(DataMb.ToString(), before[1]);

            var result = await cloud.MigrateAsync(reader, StrategyKind.Hybrid);

            Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
            Assert.Equal(("hybrid", "gcp-w1"), (result.Strategy, result.RunningOn));
            Assert.Equal([(int.Parse(before[0]) + 1).ToString(), before[1], before[2]], (await ReadAsync()).Split(' '));
            var preDump = result.Steps.Single(s => s.Kind == StepKind.PreDump).Metrics;
            var transfer = result.Steps.Single(s => s.Kind == StepKind.Transfer).Metrics;
            Assert.True(int.Parse(preDump[$"{OutputKeys.PrecopyRounds}.reader-reader"]) >= 1);
            var copied = long.Parse(transfer[$"{OutputKeys.DeltaCopiedBytes}.reader-reader"]);
            var literal = long.Parse(transfer[$"{OutputKeys.DeltaLiteralBytes}.reader-reader"]);
            Assert.True(copied >= DataMb << 20, $"only {copied} bytes of the final dump were already on the target");
            Assert.True(literal < 8 << 20, $"{literal} bytes of pages crossed in the freeze");
            // The final dump went to a tmpfs (the source has room), which the cleanup unmounted (LeftoversAsync).
            Assert.Equal("yes", result.Steps.Single(s => s.Kind == StepKind.PreDump).Metrics[$"{OutputKeys.ImagesInMemory}.reader-reader"]);
            // The restore did not wait for memory: the target's own lazy-pages daemon filled it from the rebuilt page files.
            Assert.Equal("0", result.Steps.Single(s => s.Kind == StepKind.PostCopy).Metrics[$"{OutputKeys.LazyTargetExit}.reader-reader"]);
            Assert.Equal("", await cloud.LeftoversAsync("aws-w1", "reader"));
        }
        finally
        {
            await cloud.Deployer.RemoveAsync(reader);
        }
    }

    [Fact]
    public async Task Migrate_Hybrid_WhereMemoryMovedWithinThePageFile_MovesThePreCopiedPagesInPlace()
    {
        const int growerMb = 96;
        var grower = AppFile.Load(Path.Combine(RepoPaths.Root, "tests", "MigrationSteps.Tests", "Integration", "Apps"), "grower");
        await cloud.Deployer.DeployAsync(grower, "aws-w1", growerMb);
        try
        {
            var before = (await ReadAsync()).Split(' ');
            Assert.Equal(growerMb.ToString(), before[1]);
            var grownBefore = int.Parse((await ReadAsync("/grown")).Split(' ')[0]);

            var result = await cloud.MigrateAsync(grower, StrategyKind.Hybrid);

            Assert.True(result.Outcome == MigrationOutcome.Succeeded, result.Reason);
            Assert.Equal(("hybrid", "gcp-w1"), (result.Strategy, result.RunningOn));
            Assert.Equal([(int.Parse(before[0]) + 1).ToString(), before[1], before[2]], (await ReadAsync()).Split(' '));
            // Every page it grew, before the move, during it and since, holds what it wrote there.
            var grown = (await ReadAsync("/grown")).Split(' ');
            Assert.Equal("ok", grown[1]);
            Assert.True(int.Parse(grown[0]) > grownBefore, $"it grew {grown[0]} pages, {grownBefore} before the move");
            var transfer = result.Steps.Single(s => s.Kind == StepKind.Transfer).Metrics;
            var restore = result.Steps.Single(s => s.Kind == StepKind.Restore).Metrics;
            var copied = long.Parse(transfer[$"{OutputKeys.DeltaCopiedBytes}.grower-grower"]);
            Assert.True(copied >= growerMb << 20, $"only {copied} bytes of the final dump were already on the target");
            // The data moved within the page file (the grown pages are below it): the pre-copied page file was
            // taken over and its pages moved in place, so nothing was left for criu to read from parent images
            // and the target's lazy-pages daemon filled all of it.
            Assert.Equal(0, long.Parse(restore[$"{OutputKeys.ParentBytes}.grower-grower"]));
            Assert.Equal("0", result.Steps.Single(s => s.Kind == StepKind.PostCopy).Metrics[$"{OutputKeys.LazyTargetExit}.grower-grower"]);
            Assert.Equal("", await cloud.LeftoversAsync("aws-w1", "grower"));
        }
        finally
        {
            await cloud.Deployer.RemoveAsync(grower);
        }
    }
}

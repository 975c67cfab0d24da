using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>Faults injected mid-migration: the application must keep running, with its state, and the target must be left clean.</summary>
[Collection(MigrationCollection.Name)]
public class RollbackTests(MigrationFixture cloud)
{
    private async Task<MigrationResult> FailAndCheckAsync(StrategyKind strategy, StepKind afterStep, Func<string, string, string[]> fault, Func<string, string, string[]> repair)
    {
        var from = cloud.Where("counter");
        var to = MigrationFixture.Other(from);
        var before = await cloud.IncrementAsync();
        var run = "";
        MigrationResult result;
        try
        {
            result = await cloud.MigrateAsync(cloud.Counter, strategy, e =>
            {
                if (e is { Phase: StepEventPhase.Finished, Result.Status: StepStatus.Succeeded } && e.Result.Kind == afterStep)
                {
                    run = cloud.LatestRun();
                    cloud.RunNow(to, fault(to, run));
                }
            });
        }
        finally
        {
            await cloud.RunAsync(to, repair(to, run));
        }

        Assert.Equal(MigrationOutcome.RolledBack, result.Outcome);
        Assert.Equal(from, result.RunningOn);
        Assert.Equal(from, cloud.Where("counter"));
        Assert.Equal(before + 1, await cloud.IncrementAsync());
        Assert.Equal("", await cloud.LeftoversAsync(to, "counter"));
        Assert.Contains(result.Steps, s => s.Kind == StepKind.RollbackTarget && s.Status == StepStatus.Succeeded);
        return result;
    }

    [Fact]
    public async Task Migrate_RestoreFailsOnCorruptImage_ResumesOnSource()
    {
        var result = await FailAndCheckAsync(StrategyKind.Cold, StepKind.Transfer,
            (_, run) => ["sh", "-c", $"for f in /var/lib/ferry/migrate/{run}/*/core-*.img; do printf garbage > \"$f\"; done"],
            (_, _) => ["true"]);

        var failed = Assert.Single(result.Steps, s => s.Status == StepStatus.Failed);
        Assert.Equal(StepKind.Restore, failed.Kind);
        Assert.Contains(result.Steps, s => s.Kind == StepKind.RollbackSource && s.Status == StepStatus.Succeeded);
        Assert.StartsWith($"step restore@{failed.Host} failed: migrate/restore.sh on {failed.Host} failed (exit ", result.Reason);
    }

    [Fact]
    public async Task Migrate_SshToTargetCutDuringTransfer_ResumesOnSource()
    {
        var source = cloud.Inventory.Host(cloud.Where("counter")).PrivateIp;
        string[] Rule(string action) => ["iptables", action, "INPUT", "-s", source, "-p", "tcp", "--dport", "22", "-j", "REJECT", "--reject-with", "tcp-reset"];

        var result = await FailAndCheckAsync(StrategyKind.Cold, StepKind.Checkpoint,
            (_, _) => Rule("-I"),
            (_, _) => ["sh", "-c", $"while {string.Join(' ', Rule("-D"))} 2>/dev/null; do :; done"]);

        Assert.Equal(StepKind.Transfer, Assert.Single(result.Steps, s => s.Status == StepStatus.Failed).Kind);
    }

    [Fact]
    public async Task Migrate_TargetDiskFillsDuringTransfer_ResumesOnSource()
    {
        var result = await FailAndCheckAsync(StrategyKind.Cold, StepKind.PrepareTarget,
            (_, run) => ["sh", "-c", $"for d in /var/lib/ferry/migrate/{run}/*; do mount -t tmpfs -o size=64k tmpfs \"$d\"; done"],
            (_, run) => ["sh", "-c", $"grep -o '/var/lib/ferry/migrate/{run}/[^ ]*' /proc/mounts | xargs -r -n1 umount; rm -rf /var/lib/ferry/migrate/{run}"]);

        Assert.Equal(StepKind.Transfer, Assert.Single(result.Steps, s => s.Status == StepStatus.Failed).Kind);
    }

    [Fact]
    public async Task Migrate_TargetDiskAlreadyFull_IsRefusedByPreflight()
    {
        var from = cloud.Where("counter");
        var to = MigrationFixture.Other(from);
        await cloud.RunAsync(to, "sh", "-c", "mkdir -p /var/lib/ferry/migrate && mount -t tmpfs -o size=1m tmpfs /var/lib/ferry/migrate");
        try
        {
            var result = await cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold);

            Assert.Equal(MigrationOutcome.Refused, result.Outcome);
            Assert.Contains($"{to}: 1 MiB free under /var/lib/ferry/migrate", result.Reason);
            Assert.Equal(from, result.RunningOn);
        }
        finally
        {
            await cloud.RunAsync(to, "umount", "/var/lib/ferry/migrate");
        }
    }

    [Fact]
    public async Task Migrate_SourceContainerAlreadyStopped_IsRefusedAndNamesIt()
    {
        var from = cloud.Where("counter");
        await cloud.RunAsync(from, "runc", "kill", "counter-counter", "KILL");
        try
        {
            var result = await cloud.MigrateAsync(cloud.Counter, StrategyKind.Cold);

            Assert.Equal(MigrationOutcome.Refused, result.Outcome);
            Assert.Contains($"{from}: container counter-counter is stopped, not running", result.Reason);
            Assert.Equal("", await cloud.LeftoversAsync(MigrationFixture.Other(from), "counter"));
        }
        finally
        {
            await cloud.Deployer.DeployAsync(cloud.Counter, from);
        }
    }

    [Fact]
    public async Task Migrate_AppNotOnTheNamedHost_SaysWhereItRuns()
    {
        var from = cloud.Where("counter");
        var wrong = MigrationFixture.Other(from);

        var error = await Assert.ThrowsAsync<AppException>(() =>
            cloud.Recorder.RecordAsync(cloud.Migrator, new MigrationRequest(cloud.Counter, wrong, from)));

        Assert.Equal($"application counter runs on {from}, not on {wrong}", error.Message);
    }

    [Fact]
    public async Task Migrate_LazyPagesKilledMidFetch_IsNotReportedAsSucceeded()
    {
        var from = cloud.Where("redis");
        var to = MigrationFixture.Other(from);

        // 64 MiB take about 5 s to fetch over the 100 Mbit/s link, so the kill lands mid-fetch.
        await cloud.Deployer.LoadAsync(cloud.Redis, from, 64);
        MigrationResult result;
        try
        {
            result = await cloud.MigrateAsync(cloud.Redis, StrategyKind.Lazy, e =>
            {
                if (e is { Phase: StepEventPhase.Finished, Result: { Kind: StepKind.Restore, Status: StepStatus.Succeeded } })
                {
                    cloud.RunNow(to, "pkill", "-KILL", "-x", "criu");
                }
            });
        }
        finally
        {
            // The fixture's redis comes back fresh on the first site, with its usual data, for the other tests.
            await cloud.Deployer.RemoveAsync(cloud.Redis);
            await cloud.Deployer.DeployAsync(cloud.Redis, "aws-w1", MigrationFixture.RedisDataMb);
        }

        Assert.Equal(MigrationOutcome.Failed, result.Outcome);
        Assert.Contains("post-copy did not complete", result.Reason);
        Assert.Contains("the target's lazy-pages daemon exited", result.Reason);
        Assert.Contains("its state is lost", result.Reason);
    }
}

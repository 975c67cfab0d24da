using System.Diagnostics;
using System.Globalization;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Processes;
using Ferry.TestSupport;

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
        // The full file system was mounted on the target's images directories, which the cleanup unmounts with
        // them (as it does the hybrid strategy's tmpfs on a source): nothing is left there.
        Assert.Contains(result.Steps, s => s.Kind == StepKind.CleanupTarget && s.Status == StepStatus.Succeeded);
        Assert.Equal("", await cloud.LeftoversAsync(MigrationFixture.Other(result.RunningOn!), "counter"));
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
    public async Task Migrate_LazyPagesKilledMidFetch_RollsBackToTheStateAtTheFreeze()
    {
        var from = cloud.Where("redis");
        var to = MigrationFixture.Other(from);

        // 64 MiB take about 5 s to fetch over the 100 Mbit/s link, so the kill lands mid-fetch.
        await cloud.Deployer.LoadAsync(cloud.Redis, from, 64);
        var atFreeze = await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", StrategyTests.Checksum, "0");
        MigrationResult result;
        string afterwards;
        string leftovers;
        try
        {
            result = await cloud.MigrateAsync(cloud.Redis, StrategyKind.Lazy, e =>
            {
                if (e is { Phase: StepEventPhase.Finished, Result: { Kind: StepKind.Restore, Status: StepStatus.Succeeded } })
                {
                    cloud.RunNow(to, "pkill", "-KILL", "-x", "criu");
                }
            });
            afterwards = await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", StrategyTests.Checksum, "0");
            leftovers = await cloud.LeftoversAsync(to, "redis");
        }
        finally
        {
            // The fixture's redis comes back fresh on the first site, with its usual data, for the other tests.
            await cloud.Deployer.RemoveAsync(cloud.Redis);
            await cloud.Deployer.DeployAsync(cloud.Redis, "aws-w1", MigrationFixture.RedisDataMb);
        }

        Assert.True(result.Outcome == MigrationOutcome.RolledBack, result.Reason);
        Assert.Equal(from, result.RunningOn);
        // Without its pages the restored redis either dies before the front sees it answer, or post-copy sees the daemon gone.
        Assert.Contains(result.Steps, s => s is { Status: StepStatus.Failed, Kind: StepKind.PostCopy or StepKind.CutOver });
        Assert.Contains("redis-redis resumed", result.Reason);
        Assert.NotNull(result.LostWrites);
        Assert.Equal(to, result.LostWrites.Host);
        Assert.True(result.LostWrites.Seconds > 0, $"lost-writes window of {result.LostWrites.Seconds} s");
        Assert.Contains("are lost: the source resumed with its state at the freeze", result.Reason);
        Assert.StartsWith($"{64 * 256}\n", atFreeze);
        Assert.Equal(atFreeze, afterwards);
        Assert.Equal("", leftovers);
        Assert.Contains(result.Steps, s => s is { Kind: StepKind.RouteBack, Status: StepStatus.Succeeded });
        Assert.Contains(result.Steps, s => s is { Kind: StepKind.Release, Status: StepStatus.Succeeded });
    }

    [Theory]
    [InlineData(StrategyKind.PageServer)]
    [InlineData(StrategyKind.Precopy)]
    public async Task Migrate_RestoredAppDiesBeforeItAnswers_ResumesOnSourceFromTheFreeze(StrategyKind strategy)
    {
        var from = cloud.Where("counter");
        var to = MigrationFixture.Other(from);
        var before = await cloud.IncrementAsync();

        // The restore succeeds, then the restored process dies: the cut-over never sees it answer.
        var result = await cloud.MigrateAsync(cloud.Counter, strategy, e =>
        {
            if (e is { Phase: StepEventPhase.Finished, Result: { Kind: StepKind.Restore, Status: StepStatus.Succeeded } })
            {
                cloud.RunNow(to, "runc", "kill", "counter-counter", "KILL");
            }
        });

        Assert.True(result.Outcome == MigrationOutcome.RolledBack, result.Reason);
        Assert.Equal(from, result.RunningOn);
        Assert.Equal(from, cloud.Where("counter"));
        Assert.Contains("counter-counter resumed", result.Reason);
        Assert.NotNull(result.LostWrites);
        Assert.Equal(before + 1, await cloud.IncrementAsync());
        Assert.Equal("", await cloud.LeftoversAsync(to, "counter"));
        Assert.Equal("", await cloud.RunAsync(from, "sh", "-c", "ls /var/lib/ferry/migrate 2>/dev/null | grep . ; true"));
    }

    [Fact]
    public async Task FerryMigrate_SigintMidTransfer_RollsBackReleasesAndExitsRolledBack()
    {
        var from = cloud.Where("redis");
        var to = MigrationFixture.Other(from);

        // 64 MiB take about 5 s to cross the 100 Mbit/s link: the signal lands in the transfer.
        await cloud.Deployer.LoadAsync(cloud.Redis, from, 64);
        var atFreeze = await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", StrategyTests.Checksum, "0");
        var workspace = Directory.CreateTempSubdirectory("ferry-sigint-").FullName;
        try
        {
            // The user's view: the fixture's stack as a stack file beside its apps, and the ferry command.
            var stacks = Directory.CreateDirectory(Path.Combine(workspace, "stacks")).FullName;
            File.WriteAllText(Path.Combine(stacks, "fmig.yaml"), File.ReadAllText(Path.Combine(RepoPaths.Stacks, "local.yaml"))
                .Replace("name: local", $"name: {cloud.Stack.Name}", StringComparison.Ordinal)
                .Replace("management: 10.250.0.0/24", $"management: {cloud.Stack.Network.Management}", StringComparison.Ordinal));
            var apps = Directory.CreateDirectory(Path.Combine(stacks, "apps")).FullName;
            foreach (var file in Directory.GetFiles(AppStack.AppsDirectory, "*.yaml"))
            {
                File.Copy(file, Path.Combine(apps, Path.GetFileName(file)));
            }

            var runs = Path.Combine(workspace, "runs");
            // Through env, which gives it SIGINT's default handling: a test run started in the background by a
            // non-interactive shell ignores SIGINT, and ferry would inherit that (the fresh-machine check lost it so).
            using var ferry = Process.Start(new ProcessStartInfo("/usr/bin/env",
                ["--default-signal=INT", Path.Combine(RepoPaths.Root, "ferry"), "migrate", "redis", "--stack", Path.Combine(stacks, "fmig.yaml"), "--from", from, "--to", to, "--strategy", "cold", "--runs", runs])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = new System.Text.StringBuilder();
            var checkpointed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            ferry.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }

                if (e.Data?.Contains("checkpoint@", StringComparison.Ordinal) == true)
                {
                    checkpointed.TrySetResult();
                }
            };
            ferry.ErrorDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            ferry.BeginOutputReadLine();
            ferry.BeginErrorReadLine();

            // The first build of the command may take a minute.
            await checkpointed.Task.WaitAsync(TimeSpan.FromMinutes(5));
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(ferry.HasExited, $"ferry ended before the signal: {output}");
            Assert.Equal(0, (await ProcessRunner.RunAsync("kill", ["-INT", ferry.Id.ToString(CultureInfo.InvariantCulture)])).ExitCode);
            await ferry.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            ferry.WaitForExit();

            var text = output.ToString();
            Assert.True(ferry.ExitCode == 3, $"exit {ferry.ExitCode}: {text}");
            Assert.Contains("SIGINT received: stopping", text);
            var result = MigrationResult.FromJson(File.ReadAllText(Directory.GetFiles(runs, "result.json", SearchOption.AllDirectories).Single()));
            Assert.Equal(MigrationOutcome.RolledBack, result.Outcome);
            Assert.Equal(from, result.RunningOn);
            Assert.StartsWith($"step transfer@{from} was stopped: ferry was interrupted", result.Reason);
            Assert.Contains(result.Steps, s => s is { Kind: StepKind.RollbackSource, Status: StepStatus.Succeeded });
            Assert.Contains(result.Steps, s => s is { Kind: StepKind.Release, Status: StepStatus.Succeeded });
            Assert.Equal(from, cloud.Where("redis"));
            Assert.Equal(atFreeze, await cloud.RunAsync("front", "redis-cli", "-h", "10.252.0.20", "EVAL", StrategyTests.Checksum, "0"));
            Assert.Equal("", await cloud.LeftoversAsync(to, "redis"));
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
            await cloud.Deployer.RemoveAsync(cloud.Redis);
            await cloud.Deployer.DeployAsync(cloud.Redis, "aws-w1", MigrationFixture.RedisDataMb);
        }
    }

    [Fact]
    public async Task Migrate_CheckpointFailsOnTheSecondContainer_BothBackOnSourceWithTheirState()
    {
        // Two counters moving together; the second one's images go to a full disk, so its dump fails after the first one's succeeded.
        var counter = cloud.Counter.Containers[0];
        var pair = new AppDefinition("pair", "two counters",
            [counter with { Name = "a", Address = "10.252.0.31", Front = null }, counter with { Name = "b", Address = "10.252.0.32", Front = null }], null);
        var from = "aws-w1";
        var to = MigrationFixture.Other(from);
        await cloud.Deployer.DeployAsync(pair, from);
        var run = "";
        try
        {
            async Task<int> Count(string address) => int.Parse(await cloud.RunAsync("client", "curl", "-sS", "-m", "10", $"http://{address}:8080/"), CultureInfo.InvariantCulture);
            var (a, b) = (await Count("10.252.0.31"), await Count("10.252.0.32"));

            var result = await cloud.Recorder.RecordAsync(cloud.Migrator, new MigrationRequest(pair, from, to, StrategyKind.Cold), e =>
            {
                if (e is { Phase: StepEventPhase.Finished, Result: { Kind: StepKind.PrepareTarget, Status: StepStatus.Succeeded } })
                {
                    run = cloud.LatestRun();
                    cloud.RunNow(from, "sh", "-c", $"mkdir -p /var/lib/ferry/migrate/{run}/b && mount -t tmpfs -o size=64k tmpfs /var/lib/ferry/migrate/{run}/b");
                }
            });

            Assert.True(result.Outcome == MigrationOutcome.RolledBack, $"{result.Outcome}: {result.Reason}");
            Assert.Equal(from, result.RunningOn);
            Assert.Equal(StepKind.Checkpoint, Assert.Single(result.Steps, s => s.Status == StepStatus.Failed).Kind);
            Assert.Contains("the checkpoint had dumped pair-a of pair-a, pair-b", result.Reason);
            Assert.Contains($"back on {from}: pair-a resumed, pair-b resumed", result.Reason);
            Assert.Equal((a + 1, b + 1), (await Count("10.252.0.31"), await Count("10.252.0.32")));
            Assert.Equal("", await cloud.LeftoversAsync(to, "pair"));
        }
        finally
        {
            await cloud.RunAsync(from, "sh", "-c", $"umount /var/lib/ferry/migrate/{run}/b 2>/dev/null; rm -rf /var/lib/ferry/migrate/{run}; true");
            await cloud.Deployer.RemoveAsync(pair);
        }
    }
}

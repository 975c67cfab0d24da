using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Xunit.Abstractions;

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>
/// Every strategy, every boundary of a move, every fault that fits there, for real on a local cloud. Whatever
/// the outcome, afterwards: the counter runs where the result says, with its value; the front answers (no
/// request held); the result is truthful; nothing of the move is left on either workload host.
/// </summary>
public abstract class FaultMatrix(FaultFixture cloud, ITestOutputHelper output)
{
    private const string Landed = FaultFixture.Landed;

    protected static TheoryData<StrategyKind, string, Fault> Cells(params StrategyKind[] strategies)
    {
        var data = new TheoryData<StrategyKind, string, Fault>();
        foreach (var strategy in strategies)
        {
            foreach (var (step, faults) in Boundaries(strategy))
            {
                foreach (var fault in faults)
                {
                    data.Add(strategy, step, fault);
                }
            }
        }

        return data;
    }

    // Boundaries as "step@role": the fault hits the host that runs the step. Disk full only where images are
    // written; host gone only for the target before the move succeeded (the source is the app's fallback,
    // and losing the front is not a migration fault).
    private static IEnumerable<(string Step, Fault[] Faults)> Boundaries(StrategyKind strategy)
    {
        Fault[] killOrCut = [Fault.ProcessKilled, Fault.SshCut];
        Fault[] writesImages = [.. killOrCut, Fault.DiskFull];
        Fault[] criuDumps = [.. writesImages, Fault.CriuKilled];
        yield return ("prepare-target@target", [.. killOrCut, Fault.HostGone]);
        if (strategy is StrategyKind.Precopy or StrategyKind.Hybrid)
        {
            // Hybrid's rounds read memory without criu.
            yield return ("pre-dump@source", strategy == StrategyKind.Precopy ? criuDumps : writesImages);
        }

        yield return ("checkpoint@source", criuDumps);
        yield return ("transfer@source", [.. killOrCut, Fault.HostGone]);
        yield return ("restore@target", [.. killOrCut, Fault.HostGone]);
        // Hybrid's memory is filled after the restore from the target's own page files (userfaultfd here).
        if (strategy is StrategyKind.Lazy or StrategyKind.Hybrid)
        {
            yield return ("post-copy@target", [.. killOrCut, Fault.HostGone]);
        }

        yield return ("cut-over@front", killOrCut);
        yield return ("release@front", killOrCut);
        yield return ("cleanup-source@source", killOrCut);
        yield return ("cleanup-target@target", killOrCut);
    }

    protected async Task RunCellAsync(StrategyKind strategy, string boundary, Fault fault)
    {
        await cloud.EnsureCleanAsync();
        var from = cloud.Where("counter");
        var to = FaultFixture.Other(from);
        var (step, role) = (boundary.Split('@')[0], boundary.Split('@')[1]);
        var host = role switch { "source" => from, "target" => to, _ => role };
        // Host gone at the transfer hits the target, which receives it.
        if (fault == Fault.HostGone)
        {
            host = to;
        }

        var before = await cloud.PeekAsync();
        await cloud.EnterAsync(host, $"rm -f {Landed}");
        var run = "";
        var injected = false;
        MigrationResult result;
        try
        {
            result = await cloud.MigrateAsync(strategy, e =>
            {
                // Once: a retried step meets a host that has recovered, as it would after a real fault.
                if (!injected && e.Phase == StepEventPhase.Started && e.StepId.StartsWith(step + "@", StringComparison.Ordinal) && (role is "source" or "target" || e.StepId == boundary))
                {
                    injected = true;
                    run = cloud.LatestRun();
                    Inject(fault, host, run, step);
                }
                else if (injected && e.Phase == StepEventPhase.Finished && e.StepId.StartsWith(step + "@", StringComparison.Ordinal) && fault == Fault.DiskFull)
                {
                    Now(() => cloud.EnterAsync(host, $"awk '$2 ~ \"^/var/lib/ferry/migrate/{run}\" {{ print $2 }}' /proc/mounts | sort -r | xargs -r -n1 umount -l"));
                }
            });
        }
        finally
        {
            await RepairAsync(host);
        }

        output.WriteLine($"{strategy} {boundary} {fault}: {result.Outcome} on {result.RunningOn ?? "nowhere"}: {result.Reason}");
        foreach (var s in result.Steps.Where(s => s.Status == StepStatus.Failed))
        {
            output.WriteLine($"  failed {s.Id}: {s.Error}");
        }

        Assert.True(await cloud.EnterAsync(host, $"cat {Landed} 2>/dev/null; true") != "", $"the {fault} fault never landed on {host} during {boundary}");

        // Truthful: where the result says the app runs is where it runs, and succeeded means the target.
        Assert.NotNull(result.RunningOn);
        Assert.Equal(result.RunningOn, cloud.Where("counter"));
        if (result.Outcome == MigrationOutcome.Succeeded)
        {
            Assert.Equal(to, result.RunningOn);
        }
        else
        {
            // Refused: it failed before anything of the app was touched.
            Assert.Contains(result.Outcome, new[] { MigrationOutcome.RolledBack, MigrationOutcome.Refused });
            Assert.Equal(from, result.RunningOn);
            Assert.False(string.IsNullOrEmpty(result.Reason));
        }

        // With its state, answering through the front (which holds nothing any more).
        Assert.Equal(before, await cloud.PeekAsync());

        // Nothing of the move left: the app's container only where it runs.
        var running = result.RunningOn!;
        var other = FaultFixture.Other(running);
        Assert.Equal("counter-counter\nctr-counter-counter", await cloud.RemainsAsync(running));
        Assert.Equal("", await cloud.RemainsAsync(other));
    }

    // Steps that run for a while are killed midway (the checkpoint while criu dumps); short ones (release,
    // cleanups) as they start.
    private static string KillDelay(string step) => step switch
    {
        "checkpoint" => "dump",
        "transfer" or "restore" or "pre-dump" => "0.02",
        _ => "0",
    };

    private void Inject(Fault fault, string host, string run, string step) => Now(() => cloud.EnterAsync(host, fault switch
    {
        // The step's script does not exist yet: armed, the host's setsid wrapper kills it (its whole session)
        // and every criu there, a moment after it starts; longer steps get a longer moment, to die midway.
        Fault.ProcessKilled => $"echo {KillDelay(step)} >{FaultFixture.Armed}",
        Fault.CriuKilled => $"setsid {FaultFixture.CriuKiller} {run} >/dev/null 2>&1 </dev/null &",
        Fault.SshCut =>
            "iptables -I INPUT -p tcp --dport 22 -j REJECT --reject-with tcp-reset; pkill -KILL -f '[@]notty'; " +
            $"echo cut >{Landed}; " +
            "setsid sh -c 'sleep 3; while iptables -D INPUT -p tcp --dport 22 -j REJECT --reject-with tcp-reset 2>/dev/null; do :; done' >/dev/null 2>&1 </dev/null &",
        Fault.DiskFull =>
            $"run=/var/lib/ferry/migrate/{run}; mkdir -p \"$run\"; dirs=$(find \"$run\" -mindepth 1 -maxdepth 1 -type d); " +
            "for d in ${dirs:-$run}; do mount -t tmpfs -o size=64k tmpfs \"$d\"; done; " +
            $"echo full >{Landed}",
        // As a crash and reboot: every process gone, and what lives in memory (runc's state, network
        // namespaces, nftables) with them; the disk stays. sshd is back 3 s later.
        Fault.HostGone =>
            "kill -KILL -1; sleep 0.2; rm -rf /run/runc; for n in $(ip netns list | awk '{print $1}'); do ip netns delete \"$n\"; done; " +
            "for t in $(nft list tables 2>/dev/null | awk '{print $3}' | grep '^ferry_'); do nft delete table ip \"$t\"; done; " +
            $"echo gone >{Landed}; " +
            "setsid sh -c 'sleep 3; mkdir -p /run/sshd; /usr/sbin/sshd -E /var/log/sshd.log' >/dev/null 2>&1 </dev/null &",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    }));

    private async Task RepairAsync(string host)
    {
        // Whatever the fault left behind that a real host would not keep (the test's own mounts and rules).
        await cloud.EnterAsync(host,
            "awk '$2 ~ \"^/var/lib/ferry/migrate/\" { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l; " +
            $"rm -f {FaultFixture.Armed}; " +
            "while iptables -D INPUT -p tcp --dport 22 -j REJECT --reject-with tcp-reset 2>/dev/null; do :; done; " +
            "pgrep -x sshd >/dev/null || { mkdir -p /run/sshd; /usr/sbin/sshd -E /var/log/sshd.log; }; true");
    }

    private static void Now(Func<Task> action) => Task.Run(action).GetAwaiter().GetResult();
}

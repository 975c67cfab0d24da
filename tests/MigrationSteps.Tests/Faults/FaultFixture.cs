using System.Globalization;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Integration;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>A local cloud with the counter deployed, and a way into each host that needs neither ssh nor the host's own processes.</summary>
public abstract class FaultFixture(string name, string management) : AppStack(name, management)
{
    /// <summary>Armed (the file holds a delay in seconds), the next script ferry starts on the host is killed that long after it started.</summary>
    public const string Armed = "/run/ferry-fault-armed";

    public const string Landed = "/run/ferry-fault-landed";

    // setsid's arguments in SshNetShell's command for an armed script, as "$*" joins them.
    private const string ArmedCommand = "-w bash -c " + SshNetShell.ArmedBash;

    /// <summary>Run with a move's run id, kills every criu once one holds a container's network locked for a dump of that move.</summary>
    public const string CriuKiller = "/usr/local/sbin/ferry-fault-criu-kill";

    // ferry starts every script as "setsid -w bash -c '. /dev/stdin'" over ssh, found on PATH: a wrapper earlier on PATH
    // kills the one script it is armed for. The script stops itself before its first line, so even one that
    // lasts a few milliseconds is surely killed: at once, or after the delay it is let run for. A script the
    // engine armed ahead of its step (sent with its length, then "go" when the step starts) is held here
    // until its "go" and then started as any other, so that the fault meets the step when it starts.
    private static readonly string SetsidWrapper = $$"""
        #!/bin/bash
        if [ "$*" = {{ShellQuote.Quote(ArmedCommand)}} ]; then
          IFS= read -r n; held=$(mktemp); head -c "$n" >"$held"; IFS= read -r go || go=
          [ "$go" = go ] || { rm -f "$held"; exit 75; }
          exec <"$held"; rm -f "$held"
          set -- -w bash -c '. /dev/stdin'
        fi
        if [ "$*" = "-w bash -c . /dev/stdin" ] && mv {{Armed}} {{Armed}}.firing 2>/dev/null; then
          read -r delay <{{Armed}}.firing; rm -f {{Armed}}.firing
          # A background job here is not a process group leader, so setsid does not fork: $! is the script.
          /usr/bin/setsid -w bash -c 'kill -STOP $$; . /dev/stdin' <&0 &
          script=$!
          for _ in $(seq 400); do [ "$(ps -o stat= -p "$script" | cut -c1)" = T ] && break; sleep 0.005; done
          if [ "$delay" = dump ]; then
            # Killed while criu dumps (its network locked): ferry's own kill of a step that ran out of time.
            kill -CONT "$script"
            for _ in $(seq 2000); do
              ls /var/lib/ferry/migrate/*/*/dump.log 2>/dev/null | grep -v '[.]pre/' | xargs -r grep -qs 'Lock network' && break
              sleep 0.005
            done
          elif [ "$delay" != 0 ]; then kill -CONT "$script"; sleep "$delay"; fi
          if kill -0 "$script" 2>/dev/null; then
            pkill -KILL -s "$script"
            # And every criu of the step (a restore, a lazy-pages daemon), but a dump in the session of its
            # own that ferry gives it (partials/criu-shield.sh, the lazy dump): a killed step does not kill that.
            spared=" $(cat /var/lib/ferry/migrate/*/*/dump.pid /var/lib/ferry/migrate/*/*/checkpoint.pid 2>/dev/null | tr '\n' ' ') "
            for criu in $(pgrep -x criu); do
              case "$spared" in *" $(ps -o sid= -p "$criu" | tr -d ' ') "*) ;; *) kill -KILL "$criu" 2>/dev/null || true ;; esac
            done
            echo "$script" >{{Landed}}
          fi
          wait "$script"
          exit $?
        fi
        exec /usr/bin/setsid "$@"
        """;

    // Killed once it has dumped every task (its mounts follow) and before it unlocks the network, criu leaves
    // the network locked and every task as it was, as a criu killed by the OOM killer there would. Killed
    // earlier, while its code runs inside a task, it kills that task, and nothing could bring it back
    // (partials/criu-shield.sh keeps criu from the OOM killer and from a killed step for that reason).
    private const string CriuKillerScript = $$"""
        #!/bin/bash
        for _ in $(seq 10000); do
          for log in /var/lib/ferry/migrate/"$1"/*/dump.log; do
            if grep -qs 'Dumping mountpoints' "$log" && ! grep -q 'Unlock network' "$log"; then
              pkill -STOP -x criu
              locked=
              for ns in $(ip netns list | awk '/^ctr-/ {print $1}'); do
                if ip netns exec "$ns" nft list tables 2>/dev/null | grep -q ' CRIU-' ||
                  ip netns exec "$ns" iptables -w -n -L CRIU >/dev/null 2>&1; then locked=$ns; fi
              done
              if [ -n "$locked" ]; then
                pkill -KILL -x criu
                echo "criu killed holding the network of $locked" >{{Landed}}
                exit 0
              fi
              pkill -CONT -x criu
            fi
          done
          sleep 0.001
        done
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var host in new[] { "aws-w1", "gcp-w1", "front" })
        {
            await EnterAsync(host, $"cat >/usr/local/sbin/setsid <<'WRAPPER'\n{SetsidWrapper}\nWRAPPER\nchmod 0755 /usr/local/sbin/setsid");
            await EnterAsync(host, $"cat >{CriuKiller} <<'KILLER'\n{CriuKillerScript}\nKILLER\nchmod 0755 {CriuKiller}");
        }

        await Deployer.DeployAsync(Counter, "aws-w1");
    }

    public static string Other(string host) => MigrationFixture.Other(host);

    public Task<MigrationResult> MigrateAsync(StrategyKind strategy, Action<StepEvent> progress)
    {
        var from = Where("counter");
        return Recorder.RecordAsync(Migrator, new MigrationRequest(Counter, from, Other(from), strategy), progress);
    }

    /// <summary>Runs a shell command inside a host's namespaces from the machine itself (works while its sshd is cut off or dead).</summary>
    public async Task<string> EnterAsync(string host, string script)
    {
        var bootPid = (await File.ReadAllTextAsync(Path.Combine(Cloud.HostDirectory(host), "pid"))).Trim();
        var init = (await ProcessRunner.RunAsync("pgrep", ["-P", bootPid])).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        var result = await ProcessRunner.RunAsync("nsenter", ["-t", init, "-m", "-u", "-i", "-n", "-p", "--", "sh", "-c", script]);
        Assert.True(result.ExitCode == 0, $"{host}: {script} exited {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }

    /// <summary>
    /// After a cell that failed: the counter alone, on one host, answering through the front. A cell that passed
    /// left it so already; one that did not must not fail the next ones too.
    /// </summary>
    public async Task EnsureCleanAsync()
    {
        var where = Where("counter");
        if (await RemainsAsync(where) == "counter-counter\nctr-counter-counter" && await RemainsAsync(Other(where)) == ""
            && (await Ssh.RunScriptAsync(Inventory.Host("client"), "curl -sS -m 5 http://10.251.0.100/peek", timeout: TimeSpan.FromSeconds(30))).Succeeded)
        {
            return;
        }

        foreach (var host in new[] { "aws-w1", "gcp-w1" })
        {
            await EnterAsync(host,
                "awk '$2 ~ \"^/var/lib/ferry/migrate/\" { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l; " +
                "awk '$2 ~ \"^/run/runc/\" { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l; " +
                "for c in $(ls /run/runc 2>/dev/null); do runc resume \"$c\" 2>/dev/null; runc delete -f \"$c\"; done; " +
                "for n in $(ip netns list | awk '{print $1}' | grep '^ctr-'); do ip netns delete \"$n\"; done; " +
                "for t in $(nft list tables 2>/dev/null | awk '{print $3}' | grep '^ferry_'); do nft delete table ip \"$t\"; done; " +
                $"rm -f {Armed}; " +
                "rm -rf /var/lib/ferry/migrate/* /var/lib/ferry/apps/counter; pgrep -x sshd >/dev/null || { mkdir -p /run/sshd; /usr/sbin/sshd -E /var/log/sshd.log; }; true");
        }

        await Deployer.RemoveAsync(Counter);
        await Deployer.DeployAsync(Counter, "aws-w1");
    }

    /// <summary>The counter's value, read through the front (so a front still holding requests fails here).</summary>
    public async Task<long> PeekAsync() =>
        long.Parse(await RunAsync("client", "curl", "-sS", "-m", "10", "http://10.251.0.100/peek"), CultureInfo.InvariantCulture);

    /// <summary>What a move may leave on a workload host: the app's containers (runc's state directories, so also one a killed restore left with no state, and the root file system it left mounted there), network namespaces, images, the move's nftables tables and port claims.</summary>
    public Task<string> RemainsAsync(string host) => EnterAsync(host,
        "ls /run/runc 2>/dev/null | grep '^counter-' ; grep -o ' /run/runc/counter-[^ ]*' /proc/mounts ; ip netns list | grep -o 'ctr-counter-[^ ]*' ; ls /var/lib/ferry/migrate 2>/dev/null | grep . ; " +
        "nft list tables 2>/dev/null | grep -E 'ferry_(port|sent)_' ; grep -h ' /var/lib/ferry/migrate' /proc/mounts ; true");
}

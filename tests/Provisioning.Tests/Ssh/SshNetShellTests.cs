using System.Collections.Concurrent;
using System.Diagnostics;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;

namespace Ferry.Provisioning.Tests.Ssh;

/// <summary>SshNetShell against real hosts of a local cloud.</summary>
[Collection(SshCollection.Name)]
public sealed class SshNetShellTests(SshFixture cloud) : IDisposable
{
    private readonly TestKeys _keys = new();

    public void Dispose() => _keys.Dispose();

    private InventoryHost Host(string name) => cloud.Inventory.Host(name);

    [Fact]
    public async Task RunScriptAsync_ScriptOnStdin_ReturnsExitCodeAndBothStreams()
    {
        var lines = new ConcurrentQueue<string>();

        var result = await cloud.Ssh.RunScriptAsync(Host("aws-w1"), "echo out1\necho err1 >&2\necho \"$(hostname)\"\nexit 3", lines.Enqueue);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out1\naws-w1\n", result.StandardOutput);
        Assert.Equal("err1\n", result.StandardError);
        Assert.Equal(["aws-w1", "err1", "out1"], lines.Order());
    }

    [Fact]
    public async Task RunScriptAsync_FailingLine_BashNamesTheScriptsOwnLineNumber()
    {
        var result = await cloud.Ssh.RunScriptAsync(Host("aws-w1"), "#!/usr/bin/env bash\ntrue\nno-such-command-xyz");

        Assert.Equal(127, result.ExitCode);
        Assert.Equal("/dev/stdin: line 3: no-such-command-xyz: command not found\n", result.StandardError);
    }

    [Fact]
    public async Task RunScriptAsync_ScriptWithASecret_IsNotInTheRemoteProcessList()
    {
        const string Secret = "hunter2-do-not-show";
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var running = cloud.Ssh.RunScriptAsync(Host("aws-w1"), $"password='{Secret}'\necho started\nsleep 60\n", l => { if (l == "started") { started.TrySetResult(); } }, cancellationToken: stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var processes = await cloud.Ssh.RunScriptAsync(Host("aws-w1"), "ps -eo args");

        Assert.Contains("bash -c . /dev/stdin", processes.StandardOutput);
        Assert.Contains("sleep 60", processes.StandardOutput);
        Assert.DoesNotContain(Secret, processes.StandardOutput);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task RunScriptAsync_StreamsLinesBeforeTheCommandEnds()
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = cloud.Ssh.RunScriptAsync(Host("aws-w1"), "echo first\nsleep 3\necho second", l => { if (l == "first") { first.TrySetResult(); } });
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(running.IsCompleted, "the first line arrived only after the script ended");
        Assert.Equal("first\nsecond\n", (await running).StandardOutput);
    }

    [Fact]
    public async Task RunScriptAsync_TenParallelScripts_ShareOneConnection()
    {
        const string Connections = "ss -Htn state established '( sport = :22 )' | wc -l";
        var host = Host("gcp-w1");
        var before = int.Parse((await cloud.Ssh.RunScriptAsync(host, Connections)).StandardOutput);
        await using var shell = new SshNetShell();
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();

        var scripts = Enumerable.Range(0, 10).Select(i => shell.RunScriptAsync(host, $"echo up\nsleep 3\necho {i}", l =>
        {
            if (l == "up" && Interlocked.Increment(ref started) == 10)
            {
                allStarted.TrySetResult();
            }
        })).ToList();
        await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var during = int.Parse((await shell.RunScriptAsync(host, Connections)).StandardOutput);
        var results = await Task.WhenAll(scripts);

        Assert.Equal(before + 1, during);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"up\n{i}\n"), results.Select(r => r.StandardOutput));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"10 scripts of 3 s took {clock.Elapsed}: they did not run side by side");
    }

    [Fact]
    public async Task RunScriptAsync_PinnedKeyDiffers_RefusesNamingBothFingerprints()
    {
        var real = Host("aws-w1");
        var other = await _keys.MakeAsync("ed25519", "not-the-host");
        var otherKey = (await File.ReadAllTextAsync(other + ".pub")).Trim().Split(' ');
        var realKnownHosts = Path.Combine(_keys.Directory, "real_known_hosts");
        await File.WriteAllTextAsync(realKnownHosts, real.KnownHostsLine + "\n");
        var host = real with { KnownHostsLine = $"{real.SshHost} {otherKey[0]} {otherKey[1]}" };
        await using var shell = new SshNetShell();

        var e = await Assert.ThrowsAsync<RemoteShellException>(() => shell.RunScriptAsync(host, "touch /tmp/must-not-run"));

        var expected = await TestKeys.SshKeygenFingerprintAsync(other + ".pub");
        var presented = await TestKeys.SshKeygenFingerprintAsync(realKnownHosts);
        Assert.NotEqual(expected, presented);
        Assert.StartsWith($"aws-w1 ({real.SshHost}:22): the host key differs from the inventory's pinned key: ", e.Message);
        Assert.Contains($"the inventory expects {expected} (ssh-ed25519)", e.Message);
        Assert.Contains($"the server presented {presented} (ssh-ed25519)", e.Message);
        Assert.Contains("ferry up", e.Message);
        Assert.Equal("absent", await cloud.RunAsync("aws-w1", "sh", "-c", "test -e /tmp/must-not-run && echo present || echo absent"));
    }

    [Fact]
    public async Task RunScriptAsync_Cancelled_KillsTheRemoteProcessGroup()
    {
        var host = Host("aws-w1");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var running = cloud.Ssh.RunScriptAsync(host, "sleep 3001 &\nsleep 3001 &\necho started\nwait", l => { if (l == "started") { started.TrySetResult(); } }, cancellationToken: cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("2", await Count(host, "sleep 3001"));
        var clock = Stopwatch.StartNew();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {clock.Elapsed}");
        Assert.Equal("0", await Count(host, "sleep 3001"));
    }

    [Fact]
    public async Task RunScriptAsync_TimedOut_KillsTheRemoteProcessGroupAndReturns124()
    {
        var host = Host("aws-w1");

        var result = await cloud.Ssh.RunScriptAsync(host, "sleep 3002 &\nsleep 3002 &\necho started\nwait", timeout: TimeSpan.FromSeconds(2));

        Assert.Equal(124, result.ExitCode);
        Assert.Equal("started\n", result.StandardOutput);
        Assert.EndsWith($"ferry: script on aws-w1 killed after {TimeSpan.FromSeconds(2)}\n", result.StandardError);
        Assert.True(await Count(host, "sleep 3002") == "0", result.StandardError + (await cloud.Ssh.RunScriptAsync(host, "ps -eo pid,pgid,sid,args")).StandardOutput);
    }

    [Fact]
    public async Task RunScriptAsync_UserOtherThanRoot_RunsTheScriptWithSudo()
    {
        var host = await SudoUserAsync();
        await using var shell = new SshNetShell();

        var result = await shell.RunScriptAsync(host, "id -u\nid -un\necho \"$SUDO_USER\"");

        Assert.True(result.Succeeded, result.Tail());
        Assert.Equal("0\nroot\nferrytest\n", result.StandardOutput);
        Assert.Equal("", result.StandardError);
        Assert.Contains("ferrytest", await cloud.RunAsync("front", "sh", "-c", "ps -eo user:20,args | grep '[s]shd-session: ferrytest'"));
    }

    [Fact]
    public async Task RunScriptAsync_UserOtherThanRoot_TimeoutKillsTheRootProcessGroup()
    {
        var host = await SudoUserAsync();
        await using var shell = new SshNetShell();

        var result = await shell.RunScriptAsync(host, "sleep 3003 &\necho started\nwait", timeout: TimeSpan.FromSeconds(2));

        Assert.Equal(124, result.ExitCode);
        Assert.Equal("0", await Count(Host("front"), "sleep 3003"));
    }

    [Fact]
    public async Task RunScriptAsync_ConnectionDropped_ConnectsAgain()
    {
        var host = Host("client");
        await using var shell = new SshNetShell();
        Assert.True((await shell.RunScriptAsync(host, "true")).Succeeded);

        // Kills the sshd process that serves this very connection.
        var dropping = shell.RunScriptAsync(host, "p=$$\nwhile [ \"$p\" -gt 1 ]; do case $(cat /proc/$p/comm) in sshd-session) kill -9 \"$p\"; exit 0;; esac; p=$(awk '{print $4}' /proc/$p/stat); done\nexit 1");
        try
        {
            var dropped = await dropping;
            Assert.NotEqual(0, dropped.ExitCode);
        }
        catch (RemoteShellException e)
        {
            Assert.StartsWith($"client ({host.SshHost}:22): the connection broke while a script ran: ", e.Message);
        }

        var again = await shell.RunScriptAsync(host, "hostname");

        Assert.Equal("client\n", again.StandardOutput);
    }

    /// <summary>front as a user with the controller's key and password-less sudo (the user lives in the host's root, gone with the stack).</summary>
    private async Task<InventoryHost> SudoUserAsync()
    {
        await cloud.RunAsync("front", "sh", "-c",
            "id ferrytest >/dev/null 2>&1 || useradd -m -p '*' -s /bin/bash ferrytest; " +
            "install -d -m 0700 -o ferrytest -g ferrytest ~ferrytest/.ssh; " +
            "install -m 0600 -o ferrytest -g ferrytest /root/.ssh/authorized_keys ~ferrytest/.ssh/authorized_keys; " +
            "echo 'ferrytest ALL=(ALL) NOPASSWD: ALL' >/etc/sudoers.d/ferrytest; chmod 0440 /etc/sudoers.d/ferrytest");
        return Host("front") with { User = "ferrytest" };
    }

    private async Task<string> Count(InventoryHost host, string pattern) =>
        (await cloud.Ssh.RunScriptAsync(host, $"pgrep -fc '^{pattern}$' || true")).StandardOutput.Trim();
}

using System.Collections.Concurrent;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Tests.Ssh;

/// <summary>Scripts armed ahead of their step (SshNetShell.ArmAsync) against real hosts, with the templates' own gate.</summary>
[Collection(SshCollection.Name)]
public sealed class SshNetShellArmingTests(SshFixture cloud)
{
    private static readonly string Gate = new TemplateRenderer().Render("partials/gate.sh", new { });

    private InventoryHost Host(string name) => cloud.Inventory.Host(name);

    // Prints "armed" above its gate; past it, leaves a mark on the host and prints "ran".
    private static string Script(string mark) => $"echo armed\n{Gate}\ntouch {mark}\necho ran\n";

    [Fact]
    public async Task ArmAsync_ScriptRunsUpToItsGateAndOnlyPastItWhenRun()
    {
        var host = Host("aws-w1");
        const string Mark = "/run/ferry-arm-test-ran";
        await cloud.Ssh.RunScriptAsync(host, $"rm -f {Mark}");
        var armedLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var armed = await cloud.Ssh.ArmAsync(host, Script(Mark), l => { if (l == "armed") { armedLine.TrySetResult(); } });
        await armedLine.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        var before = await cloud.Ssh.RunScriptAsync(host, $"test -e {Mark} && echo ran || echo waiting");
        var result = await armed.RunAsync();

        Assert.Equal("waiting\n", before.StandardOutput);
        Assert.True(result.Succeeded, result.Tail());
        Assert.Equal("armed\nran\n", result.StandardOutput);
        Assert.Equal("ran\n", (await cloud.Ssh.RunScriptAsync(host, $"test -e {Mark} && echo ran; rm -f {Mark}")).StandardOutput);
    }

    [Fact]
    public async Task ArmAsync_DisposedWithoutRunning_EndsAtItsGateHavingDoneNothing()
    {
        var host = Host("aws-w1");
        const string Mark = "/run/ferry-arm-test-disarmed";
        await cloud.Ssh.RunScriptAsync(host, $"rm -f {Mark}");
        var armedLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var armed = await cloud.Ssh.ArmAsync(host, Script(Mark) + "sleep 3004\n", l => { if (l == "armed") { armedLine.TrySetResult(); } });
        await armedLine.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await armed.DisposeAsync();

        var after = await cloud.Ssh.RunScriptAsync(host, $"test -e {Mark} && echo ran || echo nothing; pgrep -fc 'ferry_gate=7' || true; pgrep -fc 'sleep 3004' || true");
        Assert.Equal("nothing\n0\n0\n", after.StandardOutput);
    }

    [Fact]
    public async Task ArmAsync_ScriptFailsBeforeItsGate_RunStartsItAfreshAndReportsItsOwnFailure()
    {
        var host = Host("aws-w1");

        await using var armed = await cloud.Ssh.ArmAsync(host, $"#!/usr/bin/env bash\ntrue\nno-such-command-xyz || exit 9\n{Gate}\necho ran\n");
        await Task.Delay(500);
        var result = await armed.RunAsync();

        Assert.Equal(9, result.ExitCode);
        Assert.Contains("line 3: no-such-command-xyz: command not found", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task ArmAsync_ConnectionDroppedWhileArmed_RunStartsTheScriptAgainOnANewConnection()
    {
        var host = Host("client");
        const string Mark = "/run/ferry-arm-test-dropped";
        await using var shell = new SshNetShell();
        await shell.RunScriptAsync(host, $"rm -f {Mark}");
        var lines = new ConcurrentQueue<string>();

        await using var armed = await shell.ArmAsync(host, $"echo armed\n{Gate}\necho x >>{Mark}\necho ran\n", lines.Enqueue);
        // Kills the sshd process that serves this connection (armed script and all) a moment after this script ends.
        var killer = await shell.RunScriptAsync(host, "p=$$\nwhile [ \"$p\" -gt 1 ]; do case $(cat /proc/$p/comm) in sshd-session) setsid sh -c \"sleep 0.3; kill -9 $p\" >/dev/null 2>&1 </dev/null & exit 0;; esac; p=$(awk '{print $4}' /proc/$p/stat); done\nexit 1");
        Assert.True(killer.Succeeded, killer.Tail());
        await Task.Delay(1500);
        var result = await armed.RunAsync();

        Assert.True(result.Succeeded, result.Tail());
        Assert.Equal("armed\nran\n", result.StandardOutput);
        Assert.Equal("x\n", (await shell.RunScriptAsync(host, $"cat {Mark}; rm -f {Mark}")).StandardOutput);
    }

    [Fact]
    public async Task ArmAsync_ConnectionResetAsTheStepIsLetGo_RunReportsTheBrokenConnectionAndNeverRunsItTwice()
    {
        var host = Host("client");
        const string Mark = "/run/ferry-arm-test-reset";
        await using var shell = new SshNetShell();
        await shell.RunScriptAsync(host, $"rm -f {Mark}");
        var where = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Above its gate the script tells its connection's client port and the sshd process that serves it.
        const string Tell = "p=$$; while [ \"$p\" -gt 1 ] && [ \"$(cat /proc/$p/comm)\" != sshd-session ]; do p=$(awk '{print $4}' /proc/$p/stat); done\n" +
            "set -- $SSH_CLIENT; echo \"at $2 $p\"\n";
        await using var armed = await shell.ArmAsync(host, $"{Tell}{Gate}\necho x >>{Mark}\necho ran\n", l => { if (l.StartsWith("at ", StringComparison.Ordinal)) { where.TrySetResult(l); } });
        var at = (await where.Task.WaitAsync(TimeSpan.FromSeconds(30))).Split(' ');
        var (port, sshd) = (at[1], at[2]);
        var rules = $"OUTPUT -p tcp --sport 22 --dport {port} --tcp-flags FIN FIN -j DROP\nINPUT -p tcp --dport 22 --sport {port} -j REJECT --reject-with tcp-reset\n";
        try
        {
            // As in a cloud that drops a connection: the server side ends unheard (its FIN dropped), so the client
            // learns it only from the reset its own next packet (the go) draws.
            var cut = await cloud.Ssh.RunScriptAsync(host, $"while read -r r; do iptables -I $r; done <<'EOF'\n{rules}EOF\nkill -KILL {sshd}");
            Assert.True(cut.Succeeded, cut.Tail());

            var e = await Assert.ThrowsAsync<RemoteShellException>(() => armed.RunAsync(TimeSpan.FromSeconds(60)));

            Assert.Contains("connection broke", e.Message);
        }
        finally
        {
            await cloud.Ssh.RunScriptAsync(host, $"while read -r r; do iptables -D $r; done <<'EOF'\n{rules}EOF");
        }

        Assert.Equal("none\n", (await shell.RunScriptAsync(host, $"cat {Mark} 2>/dev/null || echo none; rm -f {Mark}")).StandardOutput);
    }

    [Fact]
    public void ArmedBash_IsWhatTheGateReads()
    {
        Assert.Contains(ScriptGate.Line, Gate);
        Assert.Contains("ferry_gate=7", SshNetShell.ArmedBash);
        Assert.Contains($"exit {ExitCodes.NotStarted}", Gate.Replace("'", ""));
    }
}

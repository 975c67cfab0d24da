using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Scripts;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Ferry.Provisioning.Ssh;

/// <summary>
/// Runs scripts over SSH.NET: one connection per host, opened on first use and shared by concurrent
/// calls (each script is its own exec channel), host keys pinned from the inventory, the script on
/// the channel's stdin, sourced by <c>bash</c> (under <c>sudo -n</c> for users other than root).
/// </summary>
public sealed class SshNetShell(SshOptions options) : IRemoteShell
{
    /// <summary>What bash runs for an armed script (see <see cref="ArmAsync"/>).</summary>
    public const string ArmedBash = "IFS= read -r n && exec 7<&0 </dev/null && ferry_gate=7 && . <(head -c \"$n\" <&7)";

    /// <summary>The first thing the remote side writes to stderr: its process group id; never shown to callers.</summary>
    public const string ProcessGroupMarker = "ferry-remote-pgid:";

    // setsid gives the script a process group of its own, so one kill ends it and every child it
    // started; -w keeps the exit status. The script never appears on a command line (it may carry secrets).
    // Sourced, not "bash -s": bash reads a script on stdin one byte at a time (36,989 reads for a 37 KB
    // transfer step, 6-7 ms on an idle host, more inside a freeze), a sourced one in a few reads.
    private const string StartScript = "setsid -w bash -c '. /dev/stdin'";

    // An armed script arrives as its length in bytes, a line, then the script; head reads exactly that much
    // (never the "go" that follows), and stdin stays the channel's, on fd 7, for the script's gate
    // (templates/partials/gate.sh) to read "go" from, or end of file when the step is not to run.
    // Everything else in the script reads /dev/null, as a sourced script's commands read an exhausted stdin.
    private const string ArmedStartScript = "setsid -w bash -c '" + ArmedBash + "'";

    // Put before the script's first line, not on a line of its own, so bash's "line N" messages still match the script.
    private const string ReportProcessGroup = "echo " + ProcessGroupMarker + "$$ >&2; ";

    private static readonly TimeSpan DefaultTimeout = Timeouts.Script;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly byte[] Go = "go\n"u8.ToArray();

    private readonly ConcurrentDictionary<InventoryHost, HostConnection> _connections = new();
    private int _disposed;

    public SshNetShell()
        : this(new SshOptions())
    {
    }

    public async Task<CommandResult> RunScriptAsync(
        InventoryHost host,
        string script,
        Action<string>? onOutputLine = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var clock = Stopwatch.StartNew();
        using var channel = await StartAsync(host, StartScript, onOutputLine, cancellationToken);
        var bytes = Script(script);
        var feeding = Task.Run(() => channel.Send(bytes, keepOpen: false), CancellationToken.None);
        return await channel.FinishAsync(feeding, timeout ?? DefaultTimeout, clock, cancellationToken);
    }

    public async Task<IArmedScript> ArmAsync(
        InventoryHost host,
        string script,
        Action<string>? onOutputLine = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var channel = await StartAsync(host, ArmedStartScript, onOutputLine, cancellationToken);
        var bytes = Script(script);
        var length = Utf8.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + "\n");
        var sent = await Task.Run(() => channel.Send([.. length, .. bytes], keepOpen: true), CancellationToken.None);
        return new ArmedScript(this, host, script, onOutputLine, sent ? channel : null, channel);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var connection in _connections.Values)
            {
                connection.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The remote command line: fixed words only.</summary>
    public static string RemoteCommand(InventoryHost host) => Privileged(host, StartScript);

    /// <summary>The remote command line of an armed script: fixed words only.</summary>
    public static string ArmedRemoteCommand(InventoryHost host) => Privileged(host, ArmedStartScript);

    internal static string Privileged(InventoryHost host, string command) => host.User == "root" ? command : "sudo -n " + command;

    internal static string Where(InventoryHost host) => $"{host.Name} ({host.SshHost}:{host.SshPort})";

    private static byte[] Script(string script) => Utf8.GetBytes(ReportProcessGroup + (script.EndsWith('\n') ? script : script + "\n"));

    /// <summary>Opens the exec channel; a connection that dropped since its last use is opened again once.</summary>
    private async Task<ScriptChannel> StartAsync(InventoryHost host, string remoteCommand, Action<string>? onOutputLine, CancellationToken cancellationToken)
    {
        var connection = _connections.GetOrAdd(host, h => new HostConnection(h, options));
        var client = await connection.ClientAsync(replacing: null, cancellationToken);
        try
        {
            return Start(client, host, remoteCommand, onOutputLine);
        }
        catch (Exception e) when (e is SshException or SocketException or ObjectDisposedException && !HostConnection.IsOpen(client) && _disposed == 0)
        {
            // Nothing of the script has been sent yet, so starting it on a new connection cannot run it twice.
            client = await connection.ClientAsync(replacing: client, cancellationToken);
        }
        catch (SshException e)
        {
            // The connection is fine but refused the channel, e.g. more scripts at once than the server's MaxSessions.
            throw new RemoteShellException($"{Where(host)}: cannot open a channel for a script: {e.Message}", e);
        }

        try
        {
            return Start(client, host, remoteCommand, onOutputLine);
        }
        catch (Exception e) when (e is SshException or SocketException)
        {
            throw new RemoteShellException($"{Where(host)}: cannot open a channel for a script: {e.Message}", e);
        }
    }

    private static ScriptChannel Start(SshClient client, InventoryHost host, string remoteCommand, Action<string>? onOutputLine)
    {
        var command = client.CreateCommand(Privileged(host, remoteCommand), Utf8);
        try
        {
            // The library's own signal on cancel would reach only the top process; ferry ends the whole group itself.
            return new ScriptChannel(client, host, command, command.ExecuteAsync(CancellationToken.None), onOutputLine);
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A script waiting at its gate on an exec channel of its own. Run, it gets "go" and end of file; when it
    /// is no longer waiting by then (it failed before its gate, or its connection dropped), it is started
    /// afresh instead: nothing past its gate has run.
    /// </summary>
    private sealed class ArmedScript(SshNetShell shell, InventoryHost host, string script, Action<string>? onOutputLine, ScriptChannel? waiting, ScriptChannel channel) : IArmedScript
    {
        private int _used;

        public async Task<CommandResult> RunAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _used, 1) != 0)
            {
                throw new InvalidOperationException("an armed script runs once");
            }

            var clock = Stopwatch.StartNew();
            if (waiting is not null && !waiting.Execution.IsCompleted && waiting.Send(Go, keepOpen: false))
            {
                using (waiting)
                {
                    return await waiting.FinishAsync(Task.CompletedTask, timeout ?? DefaultTimeout, clock, cancellationToken);
                }
            }

            await channel.AbandonAsync();
            return await shell.RunScriptAsync(host, script, onOutputLine, timeout, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _used, 1) == 0)
            {
                await channel.AbandonAsync();
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Templates;
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
    /// <summary>The first thing the remote side writes to stderr: its process group id; never shown to callers.</summary>
    public const string ProcessGroupMarker = "ferry-remote-pgid:";

    // setsid gives the script a process group of its own, so one kill ends it and every child it
    // started; -w keeps the exit status. The script never appears on a command line (it may carry secrets).
    // Sourced, not "bash -s": bash reads a script on stdin one byte at a time (36,989 reads for a 37 KB
    // transfer step, 6-7 ms on an idle host, more inside a freeze), a sourced one in a few reads.
    private const string StartScript = "setsid -w bash -c '. /dev/stdin'";

    // Put before the script's first line, not on a line of its own, so bash's "line N" messages still match the script.
    private const string ReportProcessGroup = "echo " + ProcessGroupMarker + "$$ >&2; ";

    private static readonly TimeSpan DefaultTimeout = Timeouts.Script;
    private static readonly TimeSpan ChannelCloseWait = Timeouts.ChannelClose;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

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
        var limitAfter = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var (client, command, execution) = await StartAsync(host, cancellationToken);
        using var ownedCommand = command;
        var stdout = new OutputLines(onOutputLine);
        var stderr = new OutputLines(onOutputLine);
        var processGroup = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = Task.WhenAll(
            ReadLinesAsync(command.OutputStream, stdout.Add),
            ReadLinesAsync(command.ExtendedOutputStream, line =>
            {
                if (!processGroup.Task.IsCompleted && line.StartsWith(ProcessGroupMarker, StringComparison.Ordinal)
                    && int.TryParse(line.AsSpan(ProcessGroupMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pgid))
                {
                    processGroup.TrySetResult(pgid);
                    return;
                }

                stderr.Add(line);
            }));
        _ = readers.ContinueWith(_ => processGroup.TrySetResult(null), TaskScheduler.Default);
        var feeding = Task.Run(() => Feed(command, script), CancellationToken.None);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(limitAfter);
        try
        {
            await Task.WhenAll(execution, feeding).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            var killed = await EndProcessGroupAsync(client, host, processGroup.Task);
            await WaitQuietlyAsync(execution, ChannelCloseWait);
            command.Dispose();
            await readers;
            cancellationToken.ThrowIfCancellationRequested();
            if (killed is not null)
            {
                stderr.Note("ferry: " + killed);
            }

            stderr.Note($"ferry: script on {host.Name} killed after {limitAfter}");
            return new CommandResult(124, stdout.ToString(), stderr.ToString(), clock.Elapsed);
        }
        catch (Exception e) when (e is SshException or SocketException)
        {
            throw new RemoteShellException($"{Where(host)}: the connection broke while a script ran: {e.Message}", e);
        }

        await readers;
        return new CommandResult(ExitCode(command), stdout.ToString(), stderr.ToString(), clock.Elapsed);
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

    private static string Privileged(InventoryHost host, string command) => host.User == "root" ? command : "sudo -n " + command;

    private static string Where(InventoryHost host) => $"{host.Name} ({host.SshHost}:{host.SshPort})";

    /// <summary>Opens the exec channel; a connection that dropped since its last use is opened again once.</summary>
    private async Task<(SshClient Client, SshCommand Command, Task Execution)> StartAsync(InventoryHost host, CancellationToken cancellationToken)
    {
        var connection = _connections.GetOrAdd(host, h => new HostConnection(h, options));
        var client = await connection.ClientAsync(replacing: null, cancellationToken);
        try
        {
            return Start(client, host);
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
            return Start(client, host);
        }
        catch (Exception e) when (e is SshException or SocketException)
        {
            throw new RemoteShellException($"{Where(host)}: cannot open a channel for a script: {e.Message}", e);
        }
    }

    private static (SshClient, SshCommand, Task) Start(SshClient client, InventoryHost host)
    {
        var command = client.CreateCommand(RemoteCommand(host), Utf8);
        try
        {
            // The library's own signal on cancel would reach only the top process; ferry ends the whole group itself.
            return (client, command, command.ExecuteAsync(CancellationToken.None));
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    private static void Feed(SshCommand command, string script)
    {
        try
        {
            using var stdin = command.CreateInputStream();
            var bytes = Utf8.GetBytes(ReportProcessGroup + (script.EndsWith('\n') ? script : script + "\n"));
            stdin.Write(bytes, 0, bytes.Length);
        }
        catch (Exception e) when (e is SshException or ObjectDisposedException || (e is InvalidOperationException && IsFinished(command)))
        {
            // The remote command ended (or was ended) before reading all of its input; its exit status tells what happened.
        }
    }

    private static bool IsFinished(SshCommand command) => command.ExitStatus is not null || command.ExitSignal is not null;

    /// <summary>Sends TERM, then KILL, to the script's process group over a second channel; returns a note when that failed.</summary>
    private static async Task<string?> EndProcessGroupAsync(SshClient client, InventoryHost host, Task<int?> processGroup)
    {
        // A script cancelled at once may not have reported its group yet.
        var reported = await Task.WhenAny(processGroup, Task.Delay(Timeouts.ProcessGroupReport)) == processGroup;
        if (!reported || processGroup.Result is not { } group)
        {
            return "the script's process group was never reported; nothing was killed";
        }

        var g = group.ToString(CultureInfo.InvariantCulture);
        var kill = $"kill -0 -- -{g} 2>/dev/null || exit 0; kill -TERM -- -{g} || exit; for i in $(seq 20); do sleep 0.1; kill -0 -- -{g} 2>/dev/null || exit 0; done; kill -KILL -- -{g}";
        try
        {
            using var command = client.CreateCommand(Privileged(host, "bash -c " + ShellQuote.Quote(kill)), Utf8);
            await command.ExecuteAsync(CancellationToken.None).WaitAsync(Timeouts.Kill);
            return command.ExitStatus == 0 ? null : $"ending process group {g} exited {command.ExitStatus}: {command.Error.Trim()}";
        }
        catch (Exception e) when (e is SshException or SocketException or TimeoutException)
        {
            return $"could not end process group {g}: {e.Message}";
        }
    }

    private static async Task WaitQuietlyAsync(Task execution, TimeSpan wait)
    {
        await Task.WhenAny(execution, Task.Delay(wait));
    }

    /// <summary>The exit status, or 128 + the signal number as a shell reports it, or 255 as ssh does when the server sent neither.</summary>
    private static int ExitCode(SshCommand command) =>
        command.ExitStatus ?? (command.ExitSignal is { } signal ? 128 + SignalNumber(signal) : 255);

    private static int SignalNumber(string name) => name switch
    {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "ILL" => 4,
        "ABRT" => 6,
        "FPE" => 8,
        "KILL" => 9,
        "USR1" => 10,
        "SEGV" => 11,
        "USR2" => 12,
        "PIPE" => 13,
        "ALRM" => 14,
        "TERM" => 15,
        _ => 0,
    };

    private static Task ReadLinesAsync(Stream stream, Action<string> onLine) =>
        // The library's pipe streams only block; a thread of their own keeps them off the pool.
        Task.Factory.StartNew(
            () =>
            {
                using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
                while (reader.ReadLine() is { } line)
                {
                    onLine(line);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}

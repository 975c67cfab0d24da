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
/// One script's exec channel on a host: what it prints, read line by line as it comes (its process group,
/// reported first on stderr, kept apart), and its stdin, which carries the script.
/// </summary>
internal sealed class ScriptChannel : IDisposable
{
    private static readonly TimeSpan ChannelCloseWait = Timeouts.ChannelClose;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly SshClient _client;
    private readonly InventoryHost _host;
    private readonly SshCommand _command;
    private readonly OutputLines _stdout;
    private readonly OutputLines _stderr;
    private readonly TaskCompletionSource<int?> _processGroup = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readers;
    private Stream? _stdin;

    public ScriptChannel(SshClient client, InventoryHost host, SshCommand command, Task execution, Action<string>? onOutputLine)
    {
        _client = client;
        _host = host;
        _command = command;
        Execution = execution;
        _stdout = new OutputLines(onOutputLine);
        _stderr = new OutputLines(onOutputLine);
        _readers = Task.WhenAll(
            ReadLinesAsync(command.OutputStream, _stdout.Add),
            ReadLinesAsync(command.ExtendedOutputStream, line =>
            {
                if (!_processGroup.Task.IsCompleted && line.StartsWith(SshNetShell.ProcessGroupMarker, StringComparison.Ordinal)
                    && int.TryParse(line.AsSpan(SshNetShell.ProcessGroupMarker.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pgid))
                {
                    _processGroup.TrySetResult(pgid);
                    return;
                }

                _stderr.Add(line);
            }));
        _ = _readers.ContinueWith(_ => _processGroup.TrySetResult(null), TaskScheduler.Default);
    }

    /// <summary>The remote command, until it ends.</summary>
    public Task Execution { get; }

    /// <summary>
    /// Writes <paramref name="bytes"/> to the script's stdin, then closes it unless <paramref name="keepOpen"/>.
    /// False when the write failed: the remote side had gone, and none of the bytes reached the script (a
    /// packet cut short fails the server's MAC check). True once they were written, even when closing failed:
    /// they may have reached it, and the script's end or its connection's says what happened.
    /// </summary>
    public bool Send(byte[] bytes, bool keepOpen)
    {
        try
        {
            _stdin ??= _command.CreateInputStream();
            _stdin.Write(bytes, 0, bytes.Length);
            _stdin.Flush();
        }
        catch (Exception e) when (IsGone(e))
        {
            return false;
        }

        if (!keepOpen)
        {
            CloseInput();
        }

        return true;
    }

    /// <summary>Ends the script's stdin (it reads end of file).</summary>
    public void CloseInput()
    {
        try
        {
            (_stdin ?? _command.CreateInputStream()).Dispose();
        }
        catch (Exception e) when (IsGone(e))
        {
            // Already gone: nothing left to tell it.
        }
    }

    /// <summary>Waits for the script and its output within <paramref name="limit"/> (counted by <paramref name="clock"/>), ending its process group once that has passed.</summary>
    public async Task<CommandResult> FinishAsync(Task feeding, TimeSpan limit, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(limit);
        try
        {
            await Task.WhenAll(Execution, feeding).WaitAsync(timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested)
        {
            var killed = await EndProcessGroupAsync();
            await Task.WhenAny(Execution, Task.Delay(ChannelCloseWait));
            _command.Dispose();
            await _readers;
            cancellationToken.ThrowIfCancellationRequested();
            if (killed is not null)
            {
                _stderr.Note("ferry: " + killed);
            }

            _stderr.Note($"ferry: script on {_host.Name} killed after {limit}");
            return new CommandResult(124, _stdout.ToString(), _stderr.ToString(), clock.Elapsed);
        }
        catch (Exception e) when (e is SshException or SocketException)
        {
            throw new RemoteShellException($"{SshNetShell.Where(_host)}: the connection broke while a script ran: {e.Message}", e);
        }

        await _readers;
        return new CommandResult(ExitCode(), _stdout.ToString(), _stderr.ToString(), clock.Elapsed);
    }

    /// <summary>Ends a script that was never let past its gate: end of file on its stdin, a moment for it to go, then the channel.</summary>
    public async Task AbandonAsync()
    {
        CloseInput();
        // Its connection gone, the script read end of file when sshd's side of the channel closed.
        if (HostConnection.IsOpen(_client) && await Task.WhenAny(Execution, Task.Delay(ChannelCloseWait)) != Execution)
        {
            await EndProcessGroupAsync();
        }

        _command.Dispose();
    }

    public void Dispose() => _command.Dispose();

    // The remote command ended (or was ended, or its connection dropped or was reset); its exit status, or the
    // broken connection, tells the caller what happened.
    private bool IsGone(Exception e) => e is SshException or SocketException or ObjectDisposedException || (e is InvalidOperationException && Gone);

    private bool Gone => _command.ExitStatus is not null || _command.ExitSignal is not null || !HostConnection.IsOpen(_client);

    /// <summary>Sends TERM, then KILL, to the script's process group over a second channel; returns a note when that failed.</summary>
    private async Task<string?> EndProcessGroupAsync()
    {
        // A script cancelled at once may not have reported its group yet.
        var reported = await Task.WhenAny(_processGroup.Task, Task.Delay(Timeouts.ProcessGroupReport)) == _processGroup.Task;
        if (!reported || _processGroup.Task.Result is not { } group)
        {
            return "the script's process group was never reported; nothing was killed";
        }

        var g = group.ToString(CultureInfo.InvariantCulture);
        var kill = $"kill -0 -- -{g} 2>/dev/null || exit 0; kill -TERM -- -{g} || exit; for i in $(seq 20); do sleep 0.1; kill -0 -- -{g} 2>/dev/null || exit 0; done; kill -KILL -- -{g}";
        try
        {
            using var command = _client.CreateCommand(SshNetShell.Privileged(_host, "bash -c " + ShellQuote.Quote(kill)), Utf8);
            await command.ExecuteAsync(CancellationToken.None).WaitAsync(Timeouts.Kill);
            return command.ExitStatus == 0 ? null : $"ending process group {g} exited {command.ExitStatus}: {command.Error.Trim()}";
        }
        catch (Exception e) when (e is SshException or SocketException or TimeoutException or ObjectDisposedException)
        {
            return $"could not end process group {g}: {e.Message}";
        }
    }

    /// <summary>The exit status, or 128 + the signal number as a shell reports it, or 255 as ssh does when the server sent neither.</summary>
    private int ExitCode() =>
        _command.ExitStatus ?? (_command.ExitSignal is { } signal ? 128 + SignalNumber(signal) : 255);

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
        "USR2" => 12,
        "PIPE" => 13,
        "ALRM" => 14,
        "TERM" => 15,
        "SEGV" => 11,
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

using System.Diagnostics;

namespace Ferry.Provisioning.Processes;

/// <summary>Runs a program with an argument array (never a shell string), capturing its output.</summary>
public static class ProcessRunner
{
    /// <param name="program">The program to run, looked up on PATH.</param>
    /// <param name="arguments">Each argument passed as is, without a shell.</param>
    /// <param name="standardInput">Written to the program's stdin, which is then closed.</param>
    /// <param name="onOutputLine">Called with every line of stdout and stderr as it arrives.</param>
    /// <param name="timeout">Kills the process tree when exceeded.</param>
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        string? standardInput = null,
        Action<string>? onOutputLine = null,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var stdout = new OutputLines(onOutputLine);
        var stderr = new OutputLines(onOutputLine);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ProgramNotFoundException($"cannot run '{program}': {e.Message}; is it installed and on PATH?", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program may exit without reading its input; its exit code tells what happened.
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } t)
        {
            limit.CancelAfter(t);
        }

        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            await process.WaitForExitAsync(CancellationToken.None);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            stderr.Note($"ferry: '{program}' killed after {timeout}");
            return new CommandResult(124, stdout.ToString(), stderr.ToString(), clock.Elapsed);
        }

        // The parameterless wait drains the asynchronous output readers.
        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }
}

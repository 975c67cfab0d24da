using System.Collections.Concurrent;
using Ferry.Provisioning.Remote;

namespace Ferry.MigrationSteps.Engine;

/// <summary>
/// One step's log file and what its script reported: every line goes to the file, ferry-out lines become
/// the step's outputs, the others progress. Opened when the step's script is started, which for an armed
/// step is before the step itself starts.
/// </summary>
internal sealed class StepLog(string path, string stepId, Action<StepEvent>? progress) : IDisposable
{
    private readonly StreamWriter _writer = new(path) { AutoFlush = true };
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public ConcurrentDictionary<string, string> Outputs { get; } = new();

    public void OnLine(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
        }

        if (ScriptOutput.ParseLine(line) is { } pair)
        {
            Outputs[pair.Key] = pair.Value;
        }
        else
        {
            progress?.Invoke(new StepEvent(stepId, StepEventPhase.Output, line));
        }
    }

    /// <summary>The transport may or may not have streamed every line; what the finished script printed is complete.</summary>
    public void Keep(IReadOnlyDictionary<string, string> reported)
    {
        foreach (var (key, value) in reported)
        {
            Outputs[key] = value;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}

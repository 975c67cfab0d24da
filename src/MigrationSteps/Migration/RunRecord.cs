using Ferry.MigrationSteps.Results;

namespace Ferry.MigrationSteps.Migration;

/// <summary>The directory of one run, runs/&lt;id&gt;/: its logs, the files decorators add, and result.json, written once.</summary>
public sealed class RunRecord
{
    private int _written;

    internal RunRecord(string id, string directory)
    {
        Id = id;
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
    }

    public string Id { get; }

    public string Directory { get; }

    /// <summary>Where one phase's step logs go (logs/preflight, logs/migrate).</summary>
    public string Logs(string phase) => Path.Combine(Directory, "logs", phase);

    /// <summary>Adds a file beside result.json (probe.csv).</summary>
    public Task AddFileAsync(string name, string content, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(Path.Combine(Directory, name), content, cancellationToken);

    internal void Write(MigrationResult result)
    {
        if (Interlocked.Exchange(ref _written, 1) != 0)
        {
            throw new InvalidOperationException($"run {Id}: result.json is written once");
        }

        File.WriteAllText(Path.Combine(Directory, "result.json"), result.ToJson());
    }
}

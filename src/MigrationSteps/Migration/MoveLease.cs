using System.Globalization;
using Ferry.MigrationSteps.Apps;

namespace Ferry.MigrationSteps.Migration;

/// <summary>
/// What one move holds on a stack while it runs: its application (a second move of the same application
/// at the same time is refused) and page-server ports no other move holds, so that two applications
/// moved at once between the same hosts never share a port or a firewall rule. A claim is a file under
/// the stack's state directory, created exclusively and naming the run and the ferry process; a claim
/// whose process is gone (ferry killed) is stale and taken over. Disposing releases every claim.
/// </summary>
public sealed class MoveLease : IDisposable
{
    public const int FirstPort = ContainerInputsFactory.PageServerBasePort;
    public const int LastPort = 27999;

    private readonly List<string> _claims = [];

    private MoveLease(IReadOnlyList<int> pagePorts) => PagePorts = pagePorts;

    /// <summary>One page-server port per container, in container order.</summary>
    public IReadOnlyList<int> PagePorts { get; private set; }

    /// <exception cref="AppException">The application is being moved by another run, or every port is taken.</exception>
    public static MoveLease Take(string stackDirectory, string app, string runId, int ports)
    {
        var directory = Path.Combine(stackDirectory, "moves");
        Directory.CreateDirectory(directory);
        var lease = new MoveLease([]);
        try
        {
            if (!lease.TryClaim(Path.Combine(directory, $"app-{app}"), runId, out var holder))
            {
                throw new AppException($"application {app} is being moved right now by run {holder}; wait until that move ends");
            }

            var taken = new List<int>();
            for (var port = FirstPort; port <= LastPort && taken.Count < ports; port++)
            {
                if (lease.TryClaim(Path.Combine(directory, $"port-{port}"), runId, out _))
                {
                    taken.Add(port);
                }
            }

            if (taken.Count < ports)
            {
                throw new AppException($"every page-server port ({FirstPort}-{LastPort}) is held by a running move; wait until one ends");
            }

            lease.PagePorts = taken;
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var claim in _claims)
        {
            File.Delete(claim);
        }

        _claims.Clear();
    }

    private bool TryClaim(string path, string runId, out string holder)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write($"{Environment.ProcessId} {runId}");
                }

                _claims.Add(path);
                holder = runId;
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                var parts = ReadClaim(path);
                holder = parts.Length > 1 ? $"{parts[1]} (ferry process {parts[0]})" : "unknown";
                if (parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Alive(pid))
                {
                    return false;
                }

                // The process that claimed it is gone: the claim is stale.
                File.Delete(path);
            }
        }

        holder = "unknown";
        return false;
    }

    private static string[] ReadClaim(string path)
    {
        try
        {
            return File.ReadAllText(path).Split(' ', 2, StringSplitOptions.TrimEntries);
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");
}

using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Planning;

/// <summary>What preflight found on one host.</summary>
public sealed record HostCapabilities(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("criuVersion")] string CriuVersion,
    [property: JsonPropertyName("runcVersion")] string RuncVersion,
    [property: JsonPropertyName("criuCheck")] string CriuCheck,
    [property: JsonPropertyName("dirtyMemoryTracking")] bool DirtyMemoryTracking,
    [property: JsonPropertyName("userfaultfd")] bool Userfaultfd,
    [property: JsonPropertyName("pageServer")] bool PageServer,
    [property: JsonPropertyName("pipeMaxSize")] long PipeMaxSize,
    [property: JsonPropertyName("kernel")] string Kernel,
    [property: JsonPropertyName("memAvailableMb")] long MemAvailableMb,
    [property: JsonPropertyName("diskAvailableMb")] long DiskAvailableMb,
    [property: JsonPropertyName("containers")] IReadOnlyDictionary<string, string> Containers,
    [property: JsonIgnore] IReadOnlySet<string> CpuFlags)
{
    /// <summary>Lazy pages need criu to grow its pipes to 4 MiB.</summary>
    public const long LazyPipeSize = 4 << 20;

    public bool CanLazy => Userfaultfd && PipeMaxSize >= LazyPipeSize;

    public static HostCapabilities FromMetrics(string host, IReadOnlyDictionary<string, string> m)
    {
        string Get(string key) => m.TryGetValue(key, out var v) ? v : "";
        long Number(string key) => long.TryParse(Get(key), out var v) ? v : 0;
        return new HostCapabilities(
            host, Get("criu_version"), Get("runc_version"), Get("criu_check"),
            Get("feature.mem_dirty_track") == "yes", Get("feature.uffd-noncoop") == "yes", Get("feature.page_server") == "yes",
            Number("pipe_max_size"), Get("kernel"), Number("mem_available_mb"), Number("disk_available_mb"),
            m.Where(p => p.Key.StartsWith("container.", StringComparison.Ordinal)).ToDictionary(p => p.Key["container.".Length..], p => p.Value),
            Get("cpu_flags").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
    }
}

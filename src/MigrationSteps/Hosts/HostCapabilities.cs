using System.Text.Json.Serialization;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Hosts;

/// <summary>What preflight found on one host: its cached facts and what it has free now.</summary>
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
    [property: JsonPropertyName("memoryCosts")] MemoryCosts? MemoryCosts,
    [property: JsonIgnore] IReadOnlySet<string> CpuFlags)
{
    /// <summary>Lazy pages need criu to grow its pipes to 4 MiB.</summary>
    public const long LazyPipeSize = 4 << 20;

    public bool CanLazy => Userfaultfd && PipeMaxSize >= LazyPipeSize;

    /// <summary>The facts with what preflight reported (memory, disk, containers).</summary>
    public static HostCapabilities From(HostFacts facts, IReadOnlyDictionary<string, string> preflight)
    {
        long Number(string key) => long.TryParse(preflight.GetValueOrDefault(key), out var v) ? v : 0;
        return new HostCapabilities(
            facts.Host, facts.CriuVersion, facts.RuncVersion, facts.CriuCheck, facts.DirtyMemoryTracking, facts.Userfaultfd,
            facts.PageServer, facts.PipeMaxSize, facts.Kernel, Number(OutputKeys.MemAvailableMb), Number(OutputKeys.DiskAvailableMb),
            ScriptOutput.WithPrefix(preflight, OutputKeys.Container), facts.MemoryCosts, facts.CpuFlags.ToHashSet());
    }
}

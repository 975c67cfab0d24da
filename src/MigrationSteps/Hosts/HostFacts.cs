using System.Text.Json.Serialization;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Hosts;

/// <summary>
/// What a host can do that does not change while it runs: criu and runc, criu's own check, kernel
/// features, CPU flags, what memory costs. Learned once (at provisioning, or on the first migration) and cached with the
/// inventory; a new boot id means the host restarted and the facts are learned again.
/// </summary>
public sealed record HostFacts(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("bootId")] string BootId,
    [property: JsonPropertyName("criuVersion")] string CriuVersion,
    [property: JsonPropertyName("runcVersion")] string RuncVersion,
    [property: JsonPropertyName("criuCheck")] string CriuCheck,
    [property: JsonPropertyName("dirtyMemoryTracking")] bool DirtyMemoryTracking,
    [property: JsonPropertyName("userfaultfd")] bool Userfaultfd,
    [property: JsonPropertyName("pageServer")] bool PageServer,
    [property: JsonPropertyName("pipeMaxSize")] long PipeMaxSize,
    [property: JsonPropertyName("kernel")] string Kernel,
    [property: JsonPropertyName("cpuFlags")] IReadOnlyList<string> CpuFlags,
    [property: JsonPropertyName("memoryCosts")] MemoryCosts? MemoryCosts)
{
    public static HostFacts From(string host, ScriptOutput output)
    {
        var features = output.WithPrefix(OutputKeys.Feature);
        return new HostFacts(
            host,
            output.Require(OutputKeys.BootId),
            output.Get(OutputKeys.CriuVersion) ?? "",
            output.Get(OutputKeys.RuncVersion) ?? "",
            output.Get(OutputKeys.CriuCheck) ?? "",
            features.GetValueOrDefault("mem_dirty_track") == "yes",
            features.GetValueOrDefault("uffd-noncoop") == "yes",
            features.GetValueOrDefault("page_server") == "yes",
            long.TryParse(output.Get(OutputKeys.PipeMaxSize), out var pipe) ? pipe : 0,
            output.Get(OutputKeys.Kernel) ?? "",
            (output.Get(OutputKeys.CpuFlags) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            MemoryCosts.From(output));
    }
}

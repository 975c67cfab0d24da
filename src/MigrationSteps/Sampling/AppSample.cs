using System.Globalization;
using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Sampling;

/// <summary>What an automatic choice measured before the move: the application's memory and how it uses it, and the link.</summary>
/// <param name="MemoryBytes">Private memory of the application's processes that a dump would carry.</param>
/// <param name="DirtyBytesPerSecond">How fast the rewritten memory grows beyond <paramref name="DirtySetBytes"/>: new bytes per second (pages whose content changed since the first read). A hot set written again and again brings it to 0.</param>
/// <param name="TouchedBytesPerSecond">How fast the memory read or written grows beyond <paramref name="WorkingSetBytes"/>: new bytes per second (the kernel's referenced bits). Requests spread over all of memory keep it high; a hot set brings it to 0.</param>
/// <param name="LinkBytesPerSecond">What the link from the source to the target carries per second.</param>
/// <param name="LinkSource"><c>stack</c> (the stack's shaped rate) or <c>measured</c> (sent through the tunnel just now).</param>
/// <param name="WorkingSetBytes">Memory read or written in the sample's first half.</param>
/// <param name="DirtySetBytes">Memory rewritten in the sample's first half.</param>
public sealed record AppSample(
    [property: JsonPropertyName("memoryBytes")] long MemoryBytes,
    [property: JsonPropertyName("dirtyBytesPerSecond")] double DirtyBytesPerSecond,
    [property: JsonPropertyName("touchedBytesPerSecond")] double TouchedBytesPerSecond,
    [property: JsonPropertyName("linkBytesPerSecond")] double LinkBytesPerSecond,
    [property: JsonPropertyName("linkSource")] string LinkSource,
    [property: JsonPropertyName("workingSetBytes")] long WorkingSetBytes = 0,
    [property: JsonPropertyName("dirtySetBytes")] long DirtySetBytes = 0)
{
    public const string FromStack = "stack";
    public const string Measured = "measured";

    /// <summary>The figures in a sentence, as the strategy's reason shows them.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"memory {Mib(MemoryBytes)} MiB, rewritten {Mib(DirtySetBytes)} MiB then {Mib(DirtyBytesPerSecond)} MiB/s more, touched {Mib(WorkingSetBytes)} MiB then {Mib(TouchedBytesPerSecond)} MiB/s more, link {LinkBytesPerSecond * 8 / 1e6:0.#} Mbit/s ({LinkSource})");

    private static string Mib(double bytes) => (bytes / (1 << 20)).ToString(bytes < 10 << 20 ? "0.##" : "0", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text.Json.Serialization;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Hosts;

/// <summary>
/// What memory costs on a host, measured once with its facts (provision/host-facts.sh): a restore pays for
/// every page it brings in, and these figures tell the machine's share of a move's downtime from ferry's.
/// </summary>
/// <param name="Cpus">CPUs the host's processes may run on.</param>
/// <param name="FaultMsPerGiB">A process writing fresh memory, one page fault per page (what criu's own restore of memory pays).</param>
/// <param name="FirstTouchMsPerGiB">A process first reading memory the kernel filled for it (what a lazy-pages fill leaves to the application's first requests): on shadow-paged VMs, such as the ones ferry is developed on, each page traps to the hypervisor.</param>
public sealed record MemoryCosts(
    [property: JsonPropertyName("cpus")] int Cpus,
    [property: JsonPropertyName("faultMsPerGiB")] double FaultMsPerGiB,
    [property: JsonPropertyName("firstTouchMsPerGiB")] double FirstTouchMsPerGiB)
{
    /// <summary>The figures a host reported, or null when it reported none (a figure not measured is absent).</summary>
    public static MemoryCosts? From(ScriptOutput output)
    {
        static double? Number(string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;
        return int.TryParse(output.Get(OutputKeys.Cpus), out var cpus) && cpus > 0
            && Number(output.Get(OutputKeys.FaultMsPerGiB)) is { } fault && Number(output.Get(OutputKeys.FirstTouchMsPerGiB)) is { } touch
            ? new MemoryCosts(cpus, fault, touch)
            : null;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cpus} CPUs; per GiB: {FaultMsPerGiB:F0} ms faulting fresh memory in, {FirstTouchMsPerGiB:F0} ms first reading memory the kernel filled");
}

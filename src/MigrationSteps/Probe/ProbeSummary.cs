using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Probe;

/// <summary>
/// What the clients saw: requests, failures, the longest time with no successful answer, and latency over
/// a stated window (for a migration: around its downtime, where the figure means something; a whole
/// two-minute probe would drown it in fast requests).
/// </summary>
public sealed record ProbeSummary(
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("succeeded")] int Succeeded,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("failures")] IReadOnlyDictionary<string, int> Failures,
    [property: JsonPropertyName("clientGapSeconds")] double ClientGapSeconds,
    [property: JsonPropertyName("latency")] ProbeLatency Latency,
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds)
{
    /// <summary>Post-copy: latency from the restore until every page is local.</summary>
    [JsonPropertyName("degraded")]
    public ProbeLatency? Degraded { get; init; }

    /// <summary>Writes the application acknowledged and how many were lost (absent when the probe writes nothing).</summary>
    [JsonPropertyName("writes")]
    public ProbeWrites? Writes { get; init; }

    /// <summary>The 99th percentile over <see cref="Latency"/>'s window (absent when no request started in it).</summary>
    [JsonIgnore]
    public double? P99Ms => Latency.P99Ms;

    /// <summary>Sums up <paramref name="samples"/>; latency over <paramref name="window"/>, else over the whole probe.</summary>
    public static ProbeSummary From(int clients, IReadOnlyList<ProbeSample> samples, ProbeWindow? window = null)
    {
        var ok = samples.Where(s => s.Succeeded).ToList();
        var first = samples.Count > 0 ? samples.Min(s => s.Start) : 0;
        var last = samples.Count > 0 ? samples.Max(s => s.End) : 0;

        // The longest stretch in which no request completed successfully, from the client's point of view.
        var completions = ok.Select(s => s.End).Order().Prepend(first).Append(last).ToList();
        var gap = completions.Zip(completions.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();

        return new ProbeSummary(
            clients, samples.Count, ok.Count, samples.Count - ok.Count,
            samples.Where(s => !s.Succeeded).GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()),
            Math.Round(gap, 4),
            ProbeLatency.Of(samples, window ?? new ProbeWindow(first, last, "the whole probe")),
            Math.Round(last - first, 3));
    }
}

using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Probe;

/// <summary>What the clients saw: requests, failures, the longest time with no successful answer, and latency.</summary>
public sealed record ProbeSummary(
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("succeeded")] int Succeeded,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("failures")] IReadOnlyDictionary<string, int> Failures,
    [property: JsonPropertyName("clientDowntimeSeconds")] double ClientDowntimeSeconds,
    [property: JsonPropertyName("p50Ms")] double P50Ms,
    [property: JsonPropertyName("p99Ms")] double P99Ms,
    [property: JsonPropertyName("maxMs")] double MaxMs,
    [property: JsonPropertyName("durationSeconds")] double DurationSeconds)
{
    public static ProbeSummary From(int clients, IReadOnlyList<ProbeSample> samples)
    {
        var ok = samples.Where(s => s.Succeeded).ToList();
        var latencies = samples.Select(s => s.LatencyMs).Order().ToList();
        var first = samples.Count > 0 ? samples.Min(s => s.Start) : 0;
        var last = samples.Count > 0 ? samples.Max(s => s.End) : 0;

        // The longest stretch in which no request completed successfully, from the client's point of view.
        var completions = ok.Select(s => s.End).Order().Prepend(first).Append(last).ToList();
        var gap = completions.Zip(completions.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();

        return new ProbeSummary(
            clients, samples.Count, ok.Count, samples.Count - ok.Count,
            samples.Where(s => !s.Succeeded).GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()),
            Math.Round(gap, 4), Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count > 0 ? Math.Round(latencies[^1], 2) : 0,
            Math.Round(last - first, 3));
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
}

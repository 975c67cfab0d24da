using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Probe;

/// <summary>Latency of the requests that started in one window (nearest-rank percentiles).</summary>
public sealed record ProbeLatency(
    [property: JsonPropertyName("window")] ProbeWindow Window,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("p50Ms")] double? P50Ms,
    [property: JsonPropertyName("p99Ms")] double? P99Ms,
    [property: JsonPropertyName("maxMs")] double? MaxMs)
{
    /// <summary>The figures over the samples that started in <paramref name="window"/>; with none there, the percentiles are absent, not zero.</summary>
    public static ProbeLatency Of(IReadOnlyList<ProbeSample> samples, ProbeWindow window)
    {
        var inside = samples.Where(window.Holds).ToList();
        var sorted = inside.Select(s => s.LatencyMs).Order().ToList();
        return new ProbeLatency(window, inside.Count, inside.Count(s => !s.Succeeded),
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Count > 0 ? Math.Round(sorted[^1], 2) : null);
    }

    private static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
}

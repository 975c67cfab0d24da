using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Probe;

/// <summary>
/// The requests a latency figure is computed over: those that started from <paramref name="From"/> to
/// <paramref name="To"/> (epoch seconds, the client host's clock), and why that stretch.
/// </summary>
public sealed record ProbeWindow(
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("basis")] string Basis)
{
    [JsonPropertyName("seconds")]
    public double Seconds => Math.Round(To - From, 3);

    public bool Holds(ProbeSample sample) => sample.Start >= From && sample.Start <= To;
}

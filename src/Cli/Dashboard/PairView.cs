using System.Text.Json.Serialization;

namespace Ferry.Cli.Dashboard;

/// <summary>Whether a move from one workload host to another is allowed by their CPU flags, and what <c>auto</c> would pick there.</summary>
/// <param name="Allowed">Null when a host's facts are not known yet.</param>
/// <param name="MissingFlags">The source's CPU flags the target lacks (a move is refused unless empty).</param>
/// <param name="Strategy">The strategy <c>auto</c> picks for this pair, or null when none can run.</param>
/// <param name="Reason">Why that strategy, or why none.</param>
public sealed record PairView(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("allowed")] bool? Allowed,
    [property: JsonPropertyName("missingFlags")] IReadOnlyList<string> MissingFlags,
    [property: JsonPropertyName("strategy")] string? Strategy,
    [property: JsonPropertyName("reason")] string Reason);

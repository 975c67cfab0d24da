using System.Text.Json.Serialization;
using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Engine;

/// <summary>What one step did: when, where, how it ended and the figures its host reported.</summary>
public sealed record StepResult(
    [property: JsonPropertyName("step")] string Name,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("role")] StepRole Role,
    [property: JsonPropertyName("status")] StepStatus Status,
    [property: JsonPropertyName("startedAt")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("endedAt")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("exitCode")] int? ExitCode,
    [property: JsonPropertyName("metrics")] IReadOnlyDictionary<string, string> Metrics,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("log")] string? LogPath)
{
    [JsonPropertyName("seconds")]
    public double? Seconds => StartedAt is { } s && EndedAt is { } e ? Math.Round((e - s).TotalSeconds, 4) : null;
}

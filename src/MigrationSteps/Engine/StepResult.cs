using System.Text.Json.Serialization;
using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Engine;

/// <summary>What one step did: when, where, how it ended, the values its script reported, or why it was skipped.</summary>
public sealed record StepResult(
    [property: JsonPropertyName("step")] StepKind Kind,
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
    /// <summary>Why a skipped step did not run.</summary>
    [JsonPropertyName("skipped")]
    public string? SkipReason { get; init; }

    [JsonPropertyName("seconds")]
    public double? Seconds => StartedAt is { } s && EndedAt is { } e ? Math.Round((e - s).TotalSeconds, 4) : null;

    public string Id => $"{Kind.Name()}@{Host}";

    public static StepResult Skipped(MigrationStep step, string reason) =>
        new(step.Kind, step.Host, step.Role, StepStatus.Skipped, null, null, null, new Dictionary<string, string>(), null, null) { SkipReason = reason };
}

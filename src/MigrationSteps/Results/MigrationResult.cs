using System.Text.Json;
using System.Text.Json.Serialization;
using Ferry.MigrationSteps.Criu;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Sampling;

namespace Ferry.MigrationSteps.Results;

/// <summary>The document a migration leaves in runs/&lt;id&gt;/result.json (schema in README.md).</summary>
public sealed record MigrationResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("strategyReason")] string StrategyReason,
    [property: JsonPropertyName("outcome")] MigrationOutcome Outcome,
    [property: JsonPropertyName("runningOn")] string? RunningOn,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("endedAt")] DateTimeOffset EndedAt,
    [property: JsonPropertyName("freezeSeconds")] double? FreezeSeconds,
    [property: JsonPropertyName("downtimeSeconds")] double? DowntimeSeconds,
    [property: JsonPropertyName("degradedSeconds")] double? DegradedSeconds,
    [property: JsonPropertyName("migrationSeconds")] double? MigrationSeconds,
    [property: JsonPropertyName("totalSeconds")] double TotalSeconds,
    [property: JsonPropertyName("bytesSent")] long BytesSent,
    [property: JsonPropertyName("rsyncBytes")] long RsyncBytes,
    [property: JsonPropertyName("criu")] IReadOnlyDictionary<string, CriuStats> Criu,
    [property: JsonPropertyName("hosts")] IReadOnlyList<HostCapabilities> Hosts,
    [property: JsonPropertyName("steps")] IReadOnlyList<StepResult> Steps)
{
    /// <summary>A rollback after the restore: when the target may have acknowledged writes the source never saw.</summary>
    [JsonPropertyName("lostWrites")]
    public LostWritesWindow? LostWrites { get; init; }

    /// <summary>Whether the images crossed the link compressed (zstd level 3).</summary>
    [JsonPropertyName("compressed")]
    public bool? Compressed { get; init; }
    /// <summary>What auto measured before choosing the strategy, when it chose.</summary>
    [JsonPropertyName("sample")]
    public AppSample? Sample { get; init; }

    /// <summary>What the client probe saw during the migration, when one ran.</summary>
    [JsonPropertyName("probe")]
    public ProbeSummary? Probe { get; init; }

    /// <summary>Why the probe's figures are missing, when it ran and could not report.</summary>
    [JsonPropertyName("probeError")]
    public string? ProbeError { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static MigrationResult FromJson(string json) => JsonSerializer.Deserialize<MigrationResult>(json, Json)!;
}

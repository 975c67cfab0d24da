using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ferry.Cli.Smoke;

/// <summary>
/// What <c>ferry smoke</c> writes: every stage in order with its status and time, whether the stack was
/// destroyed, and the migration run it made. Holds no key, passphrase or PSK.
/// </summary>
public sealed record SmokeResult(
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("endedAt")] DateTimeOffset EndedAt,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("destroyed")] bool Destroyed,
    [property: JsonPropertyName("stages")] IReadOnlyList<SmokeStage> Stages,
    [property: JsonPropertyName("migrationRun")] string? MigrationRun)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    [JsonPropertyName("totalSeconds")]
    public double TotalSeconds => Math.Round((EndedAt - StartedAt).TotalSeconds, 1);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SmokeResult FromJson(string json) => JsonSerializer.Deserialize<SmokeResult>(json, Json)!;
}

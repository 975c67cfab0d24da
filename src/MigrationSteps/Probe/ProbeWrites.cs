using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Probe;

/// <summary>
/// The writes the application acknowledged to the probe (WordPress comments) and how many of them were
/// missing once the probe stopped; <see cref="Lost"/> is absent, and <see cref="Error"/> says why, when the
/// check could not be made.
/// </summary>
public sealed record ProbeWrites(
    [property: JsonPropertyName("acknowledged")] int Acknowledged,
    [property: JsonPropertyName("lost")] int? Lost,
    [property: JsonPropertyName("error")] string? Error)
{
    /// <summary>Every acknowledged write was found afterwards.</summary>
    [JsonIgnore]
    public bool Kept => Lost == 0;

    /// <summary>For people: "412 acknowledged, 0 lost", or why nothing could be checked.</summary>
    public string Describe() => Lost is { } lost
        ? $"{Acknowledged:N0} acknowledged, {lost:N0} lost"
        : $"{Acknowledged:N0} acknowledged, not checked: {Error}";

    /// <summary>probe.py's writes.json.</summary>
    public static ProbeWrites Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ProbeWrites(
            root.GetProperty("acknowledged").GetInt32(),
            root.TryGetProperty("lost", out var lost) ? lost.GetInt32() : null,
            root.TryGetProperty("error", out var error) ? error.GetString() : null);
    }
}

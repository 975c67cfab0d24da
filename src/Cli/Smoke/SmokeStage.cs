using System.Text.Json.Serialization;

namespace Ferry.Cli.Smoke;

/// <summary>One stage of a smoke run: what it checked, how it ended, how long it took (absent when it never ran).</summary>
public sealed record SmokeStage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("seconds")] double? Seconds,
    [property: JsonPropertyName("detail")] string Detail)
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}

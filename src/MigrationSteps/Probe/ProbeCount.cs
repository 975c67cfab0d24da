using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Probe;

/// <summary>The running probe so far: requests that have ended, and how many of them failed.</summary>
public sealed record ProbeCount(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("failed")] long Failed);

namespace Ferry.MigrationSteps.Apps;

/// <summary>
/// How ferry knows a container answers as its clients need it to, on its first port: an HTTP GET of
/// <paramref name="HttpPath"/> answered 200, or <paramref name="Send"/> answered with a line that starts with
/// <paramref name="Expect"/>. A migration's downtime ends at this answer through the new route.
/// </summary>
public sealed record HealthDefinition(string? HttpPath, string? Send, string? Expect);

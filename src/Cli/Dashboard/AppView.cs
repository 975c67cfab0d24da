using System.Text.Json.Serialization;

namespace Ferry.Cli.Dashboard;

/// <summary>A deployed application: where it runs, its containers, and the move under way, if one is.</summary>
public sealed record AppView(
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("lastRun")] string? LastRun,
    [property: JsonPropertyName("published")] bool Published,
    [property: JsonPropertyName("moving")] string? Moving,
    [property: JsonPropertyName("containers")] IReadOnlyList<ContainerView> Containers);

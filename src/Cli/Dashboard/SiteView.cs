using System.Text.Json.Serialization;

namespace Ferry.Cli.Dashboard;

/// <summary>A site (one cloud) with its hosts; hosts outside every site (the local cloud's client) are in the site named "internet".</summary>
public sealed record SiteView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("cloud")] string Cloud,
    [property: JsonPropertyName("subnet")] string? Subnet,
    [property: JsonPropertyName("hosts")] IReadOnlyList<HostView> Hosts);

using System.Text.Json.Serialization;

namespace Ferry.Cli.Dashboard;

/// <summary>One container of a deployed application, with its state on its host as <c>ferry app ls</c> reads it.</summary>
public sealed record ContainerView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("state")] string State);

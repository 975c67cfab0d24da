using System.Text.Json.Serialization;

namespace Ferry.Cli.Dashboard;

/// <summary>What <c>GET /api/inventory</c> answers: the stack's sites with their hosts, and every pair of workload hosts.</summary>
public sealed record InventoryView(
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("cloud")] string Cloud,
    [property: JsonPropertyName("sites")] IReadOnlyList<SiteView> Sites,
    [property: JsonPropertyName("pairs")] IReadOnlyList<PairView> Pairs);

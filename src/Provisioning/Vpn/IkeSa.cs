using System.Text.Json.Serialization;

namespace Ferry.Provisioning.Vpn;

/// <summary>One IKE SA (the authenticated control channel to a peer gateway) and the child SAs under it.</summary>
public sealed record IkeSa(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("localHost")] string LocalHost,
    [property: JsonPropertyName("remoteHost")] string RemoteHost,
    [property: JsonPropertyName("children")] IReadOnlyList<ChildSa> Children)
{
    public const string Established = "ESTABLISHED";
}

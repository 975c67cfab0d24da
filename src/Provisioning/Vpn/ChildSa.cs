using System.Text.Json.Serialization;

namespace Ferry.Provisioning.Vpn;

/// <summary>One IPsec child SA (the ESP tunnel between two subnets) as charon reports it.</summary>
public sealed record ChildSa(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("encryption")] string Encryption,
    [property: JsonPropertyName("bytesIn")] long BytesIn,
    [property: JsonPropertyName("packetsIn")] long PacketsIn,
    [property: JsonPropertyName("bytesOut")] long BytesOut,
    [property: JsonPropertyName("packetsOut")] long PacketsOut,
    [property: JsonPropertyName("localTs")] IReadOnlyList<string> LocalTs,
    [property: JsonPropertyName("remoteTs")] IReadOnlyList<string> RemoteTs)
{
    public const string Installed = "INSTALLED";

    [JsonIgnore]
    public bool IsInstalled => State == Installed;
}

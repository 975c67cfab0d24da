using System.Text.Json.Serialization;

namespace Ferry.Provisioning.Inventory;

/// <summary>One host as the engine sees it, whatever cloud it lives in.</summary>
/// <param name="Name">Host name (its hostname).</param>
/// <param name="Role">What the host is for.</param>
/// <param name="Site">The site (cloud) the host belongs to; empty for hosts on the internet segment.</param>
/// <param name="SshHost">Address ferry's ssh connects to.</param>
/// <param name="SshPort">Port of the host's sshd.</param>
/// <param name="User">Login user.</param>
/// <param name="KeyPath">Private key file ferry authenticates with.</param>
/// <param name="KnownHostsLine">The pinned host key, as one known_hosts line for <paramref name="SshHost"/>.</param>
/// <param name="PrivateIp">The host's address inside its site (or on the internet segment).</param>
/// <param name="PublicIp">The host's address on the internet segment, where it has one.</param>
public sealed record InventoryHost(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] HostRole Role,
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("sshHost")] string SshHost,
    [property: JsonPropertyName("sshPort")] int SshPort,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("keyPath")] string KeyPath,
    [property: JsonPropertyName("knownHostsLine")] string KnownHostsLine,
    [property: JsonPropertyName("privateIp")] string PrivateIp,
    [property: JsonPropertyName("publicIp")] string? PublicIp = null);

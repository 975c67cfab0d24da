using System.Text.Json.Serialization;

namespace Ferry.Provisioning.Inventory;

/// <summary>What a host is for; steps and playbooks select hosts by role.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HostRole>))]
public enum HostRole
{
    [JsonStringEnumMemberName("gateway")]
    Gateway,

    [JsonStringEnumMemberName("workload")]
    Workload,

    [JsonStringEnumMemberName("front")]
    Front,

    [JsonStringEnumMemberName("client")]
    Client,
}

using System.Text.Json.Serialization;
using Ferry.MigrationSteps.Hosts;

namespace Ferry.Cli.Dashboard;

/// <summary>One inventory host as the page shows it: where it is, whether it answers, and what it can do for migrations.</summary>
/// <param name="Problem">Why it does not answer over SSH; null when it does.</param>
/// <param name="Facts">Its cached facts (workload hosts); null until learned.</param>
public sealed record HostView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("site")] string Site,
    [property: JsonPropertyName("sshHost")] string SshHost,
    [property: JsonPropertyName("privateIp")] string PrivateIp,
    [property: JsonPropertyName("publicIp")] string? PublicIp,
    [property: JsonPropertyName("answers")] bool Answers,
    [property: JsonPropertyName("problem")] string? Problem,
    [property: JsonPropertyName("facts")] HostFacts? Facts);

namespace Ferry.TestSupport;

/// <summary>What <c>pulumi stack output --json --show-secrets</c> prints for stacks/aws-gcp.yaml, and a known_hosts file pinning every host.</summary>
public static class PulumiSample
{
    public const string HostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFerryTestKeyOnlyForUnitTestsxxxxxxxxxxxxxxxx";

    public static readonly (string Name, string Role, string Site, string Public, string Private)[] Hosts =
    [
        ("aws-gw", "gateway", "aws", "203.0.113.10", "10.10.1.10"),
        ("aws-w1", "workload", "aws", "203.0.113.11", "10.10.1.11"),
        ("gcp-gw", "gateway", "gcp", "203.0.113.20", "10.10.2.10"),
        ("gcp-w1", "workload", "gcp", "203.0.113.21", "10.10.2.11"),
        ("front", "front", "aws", "203.0.113.12", "10.10.1.12"),
        ("client", "client", "gcp", "203.0.113.22", "10.10.2.12"),
    ];

    public static string Outputs()
    {
        var hosts = string.Join(",\n", Hosts.Select(h =>
            $"    \"{h.Name}\": {{ \"role\": \"{h.Role}\", \"site\": \"{h.Site}\", \"cloud\": \"{h.Site}\", \"publicIp\": \"{h.Public}\", \"privateIp\": \"{h.Private}\" }}"));
        return $$"""
            {
              "hosts": {
            {{hosts}}
              },
              "sshUser": "ferry",
              "stack": "aws-gcp"
            }
            """;
    }

    public static string KnownHosts() => string.Join('\n', Hosts.Select(h => $"{h.Public} {HostKey}")) + "\n";
}

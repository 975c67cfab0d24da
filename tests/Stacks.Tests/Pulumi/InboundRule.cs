namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>One allowed inbound flow read back from a rendered program, whatever cloud enforces it.</summary>
/// <param name="Resource">The security group, firewall or NSG it came from.</param>
/// <param name="Protocol">tcp, udp, esp or all.</param>
/// <param name="Ports">Destination ports; empty means every port.</param>
/// <param name="Sources">Source ranges as written in the program (0.0.0.0/0 for "any").</param>
/// <param name="Targets">The hosts (name, role, site) it lets traffic into.</param>
public sealed record InboundRule(
    string Resource,
    string Protocol,
    IReadOnlyList<int> Ports,
    IReadOnlyList<string> Sources,
    IReadOnlyList<RenderedHost> Targets);

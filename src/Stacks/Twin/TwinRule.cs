namespace Ferry.Stacks.Twin;

/// <summary>One inbound flow a site's VPC router lets through from the internet segment (after its 1:1 NAT).</summary>
/// <param name="Name">The rule's name in the policy it came from.</param>
/// <param name="Protocol">tcp, udp, esp or all.</param>
/// <param name="Ports">Destination ports; empty for port-less protocols and for all traffic.</param>
/// <param name="Sources">Source CIDRs, concrete addresses.</param>
/// <param name="Destinations">Private addresses of the hosts the rule applies to.</param>
public sealed record TwinRule(string Name, string Protocol, IReadOnlyList<int> Ports, IReadOnlyList<string> Sources, IReadOnlyList<string> Destinations);

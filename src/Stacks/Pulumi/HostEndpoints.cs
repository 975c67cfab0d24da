using Ferry.Stacks.Policy;

namespace Ferry.Stacks.Pulumi;

/// <summary>Where a rendered host's addresses can be read once deployed: references into the program.</summary>
public sealed record HostEndpoints(PlacedHost Host, PulumiValue PublicIp, PulumiValue PrivateIp);

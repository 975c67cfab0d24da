namespace Ferry.Stacks.Pulumi;

/// <summary>The part of a program that one site contributes.</summary>
public sealed record SiteProgram(
    IReadOnlyList<PulumiVariable> Variables,
    IReadOnlyList<PulumiResource> Resources,
    IReadOnlyList<HostEndpoints> Hosts);

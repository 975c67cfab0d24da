namespace Ferry.Stacks.Pulumi;

/// <summary>The <c>options:</c> of a resource: its explicit provider and the pinned plugin version.</summary>
public sealed record PulumiResourceOptions(PulumiReference? Provider, string Version);

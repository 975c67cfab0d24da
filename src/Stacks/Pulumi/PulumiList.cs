namespace Ferry.Stacks.Pulumi;

/// <summary>A YAML sequence.</summary>
public sealed record PulumiList(IReadOnlyList<PulumiValue> Items) : PulumiValue;

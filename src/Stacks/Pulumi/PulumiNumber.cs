namespace Ferry.Stacks.Pulumi;

/// <summary>An integer literal.</summary>
public sealed record PulumiNumber(long Value) : PulumiValue;

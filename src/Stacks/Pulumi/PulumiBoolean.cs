namespace Ferry.Stacks.Pulumi;

/// <summary>A boolean literal.</summary>
public sealed record PulumiBoolean(bool Value) : PulumiValue;

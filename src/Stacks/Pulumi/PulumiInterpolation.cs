namespace Ferry.Stacks.Pulumi;

/// <summary>A string made of literal parts and references, such as <c>${eip.publicIp}/32</c>.</summary>
public sealed record PulumiInterpolation(IReadOnlyList<PulumiValue> Parts) : PulumiValue;

namespace Ferry.Stacks.Pulumi;

/// <summary>A built-in function call such as <c>fn::toBase64</c> or <c>fn::invoke</c>: a one-key mapping.</summary>
public sealed record PulumiBuiltin(string Function, PulumiValue Argument) : PulumiValue;

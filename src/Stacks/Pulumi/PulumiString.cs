namespace Ferry.Stacks.Pulumi;

/// <summary>A literal string; the serializer escapes any <c>${</c> in it so Pulumi never interpolates it.</summary>
public sealed record PulumiString(string Value) : PulumiValue;

namespace Ferry.Stacks.Pulumi;

/// <summary>One entry of <c>variables:</c>, such as an image lookup.</summary>
public sealed record PulumiVariable(string Name, PulumiValue Value)
{
    public PulumiReference Ref(string? path = null) => new(Name, path);
}

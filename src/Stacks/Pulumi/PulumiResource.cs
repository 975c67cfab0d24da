namespace Ferry.Stacks.Pulumi;

/// <summary>One entry of <c>resources:</c>.</summary>
/// <param name="Name">Logical name; other values reference it as <c>${Name}</c>.</param>
/// <param name="Type">Type token, such as <c>aws:ec2:Vpc</c> or <c>pulumi:providers:aws</c>.</param>
public sealed record PulumiResource(string Name, string Type, PulumiMap Properties, PulumiResourceOptions Options)
{
    public PulumiReference Ref(string? path = null) => new(Name, path);
}

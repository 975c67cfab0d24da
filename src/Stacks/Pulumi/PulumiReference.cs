namespace Ferry.Stacks.Pulumi;

/// <summary>A reference to a resource, variable or config key: <c>${root}</c> or <c>${root.path}</c>.</summary>
/// <param name="Root">The declared name the reference starts at.</param>
/// <param name="Path">Property access after the root, such as <c>id</c> or <c>networkInterfaces[0].networkIp</c>.</param>
public sealed record PulumiReference(string Root, string? Path = null) : PulumiValue
{
    public string Expression => Path is null ? $"${{{Root}}}" : $"${{{Root}.{Path}}}";
}

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// One value rule a provider enforces at <c>pulumi up</c> that its schema does not say.
/// </summary>
/// <param name="ResourceType">A type token, or a prefix ending in <c>*</c> (<c>aws:ec2:*</c>).</param>
/// <param name="Path">
/// Where in the properties: <c>.</c> between keys, <c>[]</c> for every item of a list, <c>*</c> for every key of a
/// map, <c>#key</c> for the keys themselves (<c>tags.#key</c>). A value inside <c>fn::toBase64</c> is checked raw.
/// </param>
/// <param name="Constraint">What the value must satisfy.</param>
/// <param name="Source">Where the provider says so.</param>
public sealed record ProviderValueRule(string ResourceType, string Path, ValueConstraint Constraint, string Source)
{
    public bool AppliesTo(string type) =>
        ResourceType.EndsWith('*') ? type.StartsWith(ResourceType[..^1], StringComparison.Ordinal) : type == ResourceType;
}

namespace Ferry.Stacks.Pulumi;

/// <summary>A whole Pulumi YAML program (the content of one Main.yaml), as a typed tree.</summary>
public sealed record PulumiProgram(
    string Name,
    string Description,
    IReadOnlyList<PulumiConfigEntry> Config,
    IReadOnlyList<PulumiVariable> Variables,
    IReadOnlyList<PulumiResource> Resources,
    PulumiMap Outputs)
{
    public string ToYaml() => PulumiYamlSerializer.Serialize(this);
}

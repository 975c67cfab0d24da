using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>A stack and the Pulumi YAML text rendered from it.</summary>
public sealed record RenderedProgram(StackDefinition Stack, string Yaml);

using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>A stack that cannot be rendered to a Pulumi program; names the stack and its file.</summary>
public sealed class PulumiRenderException(StackDefinition stack, string problem)
    : Exception($"{stack.SourcePath ?? stack.Name}: {problem}");

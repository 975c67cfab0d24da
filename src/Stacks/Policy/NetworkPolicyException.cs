using Ferry.Stacks.Model;

namespace Ferry.Stacks.Policy;

/// <summary>A stack whose network policy cannot be built; names the stack file and the fix.</summary>
public sealed class NetworkPolicyException(StackDefinition stack, string problem)
    : Exception($"{stack.SourcePath ?? stack.Name}: {problem}");

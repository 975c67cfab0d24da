namespace Ferry.Stacks.Pulumi;

/// <summary>One key of the program's <c>config:</c>: set per stack with <c>pulumi config set [--secret]</c>.</summary>
/// <param name="Key">The key the program references as <c>${Key}</c>.</param>
/// <param name="Type">Pulumi YAML config type (string, integer, boolean, array).</param>
/// <param name="Secret">Whether the value must be stored encrypted and stays secret in every output.</param>
public sealed record PulumiConfigEntry(string Key, string Type, bool Secret);

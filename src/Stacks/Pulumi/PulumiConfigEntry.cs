namespace Ferry.Stacks.Pulumi;

/// <summary>One key of the program's <c>config:</c>: set per stack with <c>pulumi config set [--secret]</c>.</summary>
public sealed record PulumiConfigEntry(string Key, string Type, bool Secret, string Description);

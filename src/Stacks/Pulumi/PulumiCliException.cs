namespace Ferry.Stacks.Pulumi;

/// <summary>The Pulumi CLI is missing, or one of its commands failed; the message says which and what to do.</summary>
public sealed class PulumiCliException(string message) : Exception(message);

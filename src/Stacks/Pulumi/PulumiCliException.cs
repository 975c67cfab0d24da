namespace Ferry.Stacks.Pulumi;

/// <summary>The Pulumi CLI is missing, or one of its commands failed; the message says which and what to do.</summary>
public sealed class PulumiCliException(string message, bool notInstalled = false) : Exception(message)
{
    /// <summary>The CLI itself was not found, as opposed to one of its commands failing.</summary>
    public bool NotInstalled { get; } = notInstalled;
}

namespace Ferry.Stacks.Local;

/// <summary>The local cloud cannot be built or torn down; the message says what to do.</summary>
public sealed class LocalCloudException(string message) : Exception(message);

namespace Ferry.Provisioning.Ssh;

/// <summary>A host could not be reached over SSH (refused, timed out, authentication or host key refused).</summary>
public sealed class RemoteShellException(string message, Exception? inner = null) : Exception(message, inner);

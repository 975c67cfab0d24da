namespace Ferry.Provisioning.Ssh;

/// <summary>
/// A host could not be reached or lost its connection: refused, timed out, authentication failed,
/// or a host key that differs from the inventory's. The message names the host, its address and the cause.
/// </summary>
public sealed class RemoteShellException(string message, Exception? innerException = null) : Exception(message, innerException);

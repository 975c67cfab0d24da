using Ferry.Provisioning.Processes;

namespace Ferry.Provisioning.Remote;

/// <summary>
/// Remote work that did not do its job: the host could not be reached, the script exited non-zero, or it
/// did not report what it must. The one exception type of remote work; programming errors are not wrapped.
/// </summary>
public sealed class RemoteTaskException : Exception
{
    public RemoteTaskException(string message, CommandResult? result = null, Exception? inner = null)
        : base(message, inner) => Result = result;

    /// <summary>The command's result, when it ran.</summary>
    public CommandResult? Result { get; }
}

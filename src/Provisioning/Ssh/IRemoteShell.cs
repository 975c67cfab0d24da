using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;

namespace Ferry.Provisioning.Ssh;

/// <summary>Runs rendered scripts on inventory hosts. The engine depends on this seam only.</summary>
public interface IRemoteShell : IAsyncDisposable
{
    /// <summary>Runs <paramref name="script"/> with bash on <paramref name="host"/>; the script arrives on stdin.</summary>
    Task<CommandResult> RunScriptAsync(
        InventoryHost host,
        string script,
        Action<string>? onOutputLine = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts <paramref name="script"/> on <paramref name="host"/> ahead of time, to wait at its gate until the
    /// returned handle runs it; a shell that cannot starts it only then.
    /// </summary>
    Task<IArmedScript> ArmAsync(
        InventoryHost host,
        string script,
        Action<string>? onOutputLine = null,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IArmedScript>(new UnarmedScript(this, host, script, onOutputLine));
}

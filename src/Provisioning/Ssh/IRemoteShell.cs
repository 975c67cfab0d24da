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
}

using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;

namespace Ferry.Provisioning.Ssh;

/// <summary>Arming for a shell that cannot send a script ahead: the script starts when it is run.</summary>
public sealed class UnarmedScript(IRemoteShell shell, InventoryHost host, string script, Action<string>? onOutputLine) : IArmedScript
{
    public Task<CommandResult> RunAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        shell.RunScriptAsync(host, script, onOutputLine, timeout, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

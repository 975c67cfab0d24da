using Ferry.Provisioning.Processes;

namespace Ferry.Provisioning.Ssh;

/// <summary>
/// A script sent to its host ahead of time (<see cref="IRemoteShell.ArmAsync"/>): it has started there and
/// waits at its gate (templates/partials/gate.sh) until <see cref="RunAsync"/>. Disposed without being run,
/// it ends at the gate, having done nothing past it.
/// </summary>
public interface IArmedScript : IAsyncDisposable
{
    /// <summary>Lets the script past its gate and waits for it as <see cref="IRemoteShell.RunScriptAsync"/> does; its timeout counts from here.</summary>
    Task<CommandResult> RunAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}

using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Remote;

/// <summary>
/// One piece of remote work: render the template <typeparamref name="TIn"/> names for one host, run it
/// there over the controller's SSH, and parse what it reported into <typeparamref name="TOut"/>. Every
/// playbook and the migration engine run remote work through this, and fail with <see cref="RemoteTaskException"/>.
/// </summary>
public abstract class RemoteTask<TIn, TOut> where TIn : ITemplateInputs
{
    /// <summary>How long the script may run (one of <see cref="Timeouts"/>).</summary>
    public abstract TimeSpan Timeout { get; }

    /// <summary>Turns what a successful script reported into the result.</summary>
    protected abstract TOut Parse(ScriptOutput output);

    public Task<TOut> RunAsync(
        RemoteContext remote,
        InventoryHost host,
        TIn inputs,
        Action<string>? onOutputLine = null,
        CancellationToken cancellationToken = default) =>
        RunRenderedAsync(remote, host, remote.Templates.Render(inputs), onOutputLine, cancellationToken);

    /// <summary>Runs a script already rendered from <typeparamref name="TIn"/> (a validated plan renders each step once).</summary>
    public Task<TOut> RunRenderedAsync(
        RemoteContext remote,
        InventoryHost host,
        string script,
        Action<string>? onOutputLine = null,
        CancellationToken cancellationToken = default) =>
        RunOnAsync(host, () => remote.Shell.RunScriptAsync(host, script, onOutputLine, Timeout, cancellationToken));

    /// <summary>Starts a script already rendered from <typeparamref name="TIn"/> ahead of time: it waits at its gate until <see cref="RunArmedAsync"/>.</summary>
    public Task<IArmedScript> ArmAsync(RemoteContext remote, InventoryHost host, string script, Action<string>? onOutputLine, CancellationToken cancellationToken) =>
        remote.Shell.ArmAsync(host, script, onOutputLine, cancellationToken);

    /// <summary>Runs a script armed by <see cref="ArmAsync"/>.</summary>
    public Task<TOut> RunArmedAsync(IArmedScript armed, InventoryHost host, CancellationToken cancellationToken) =>
        RunOnAsync(host, () => armed.RunAsync(Timeout, cancellationToken));

    private async Task<TOut> RunOnAsync(InventoryHost host, Func<Task<CommandResult>> run)
    {
        CommandResult result;
        try
        {
            result = await run();
        }
        catch (RemoteShellException e)
        {
            throw new RemoteTaskException($"{TIn.Template} on {host.Name}: {e.Message}", inner: e);
        }

        if (!result.Succeeded)
        {
            throw new RemoteTaskException($"{TIn.Template} on {host.Name} failed (exit {result.ExitCode}): {result.Tail(6)}", result);
        }

        return Parse(ScriptOutput.From(result));
    }
}

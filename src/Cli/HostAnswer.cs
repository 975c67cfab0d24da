using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;

namespace Ferry.Cli;

/// <summary>Whether a host answers over SSH: <c>ferry status</c> and the dashboard ask the same way.</summary>
public static class HostAnswer
{
    /// <summary>Why the host does not answer, or null when it does.</summary>
    public static async Task<string?> ProblemAsync(SshNetShell shell, InventoryHost host, CancellationToken ct)
    {
        try
        {
            var result = await shell.RunScriptAsync(host, "hostname", timeout: Timeouts.Query, cancellationToken: ct);
            return result.Succeeded ? null : result.Tail(1);
        }
        catch (RemoteShellException e)
        {
            // One unreachable host is a row of the table, not the end of the command.
            return e.Message;
        }
    }
}

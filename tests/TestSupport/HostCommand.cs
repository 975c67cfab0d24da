using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Xunit;

namespace Ferry.TestSupport;

/// <summary>One command on a stack's host, for tests of any stack (local cloud or twin).</summary>
public static class HostCommand
{
    /// <summary>Runs <paramref name="command"/> (each word quoted) on <paramref name="host"/> and returns its trimmed output; a non-zero exit fails the test.</summary>
    public static async Task<string> RunAsync(SshNetShell ssh, InventoryHost host, string[] command)
    {
        var script = string.Join(' ', command.Select(ShellQuote.Quote));
        var result = await ssh.RunScriptAsync(host, script, timeout: TimeSpan.FromSeconds(120));
        Assert.True(result.Succeeded, $"{host.Name}: {script} exited {result.ExitCode}: {result.Tail()}");
        return result.StandardOutput.Trim();
    }
}

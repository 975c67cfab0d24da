using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Ssh;

/// <summary>
/// The OpenSSH client with one ControlMaster per host, BatchMode, and host keys pinned from the
/// inventory (StrictHostKeyChecking=yes against a known_hosts file ferry writes).
/// </summary>
public sealed class SshTransport : IRemoteShell
{
    private readonly HostInventory _inventory;
    private readonly SshOptions _options;

    public SshTransport(HostInventory inventory, SshOptions options)
    {
        _inventory = inventory;
        _options = options;
        Directory.CreateDirectory(ControlDirectory);
        File.WriteAllLines(KnownHostsPath, inventory.Hosts.Select(h => h.KnownHostsLine));
    }

    public string KnownHostsPath => Path.Combine(_options.StateDirectory, "known_hosts");

    private string ControlDirectory => Path.Combine(_options.StateDirectory, "cm");

    /// <summary>The ssh options shared by ssh and rsync, without the destination.</summary>
    public IReadOnlyList<string> OptionArguments(InventoryHost host) =>
    [
        "-F", "/dev/null",
        "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=yes",
        "-o", $"UserKnownHostsFile={KnownHostsPath}",
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "IdentitiesOnly=yes",
        "-o", $"ConnectTimeout={_options.ConnectTimeout}",
        "-o", "ServerAliveInterval=5",
        "-o", "ServerAliveCountMax=3",
        "-o", "ControlMaster=auto",
        "-o", $"ControlPath={ControlDirectory}/%C",
        "-o", $"ControlPersist={_options.ControlPersist}",
        "-o", "LogLevel=ERROR",
        "-i", host.KeyPath,
        "-p", host.SshPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-l", host.User,
    ];

    /// <summary>Full ssh argument list running <paramref name="command"/> (each word quoted for the remote shell).</summary>
    public IReadOnlyList<string> CommandArguments(InventoryHost host, IReadOnlyList<string> command) =>
        [.. OptionArguments(host), host.SshHost, "--", .. command.Select(ShellQuote.Quote)];

    public Task<CommandResult> RunAsync(
        string hostName,
        IReadOnlyList<string> command,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync("ssh", CommandArguments(_inventory.Host(hostName), command), timeout: timeout ?? TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);

    public Task<CommandResult> RunScriptAsync(
        InventoryHost host,
        string script,
        Action<string>? onOutputLine = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        ProcessRunner.RunAsync(
            "ssh",
            CommandArguments(host, ["bash", "-s"]),
            standardInput: script,
            onOutputLine: onOutputLine,
            timeout: timeout ?? TimeSpan.FromMinutes(10),
            cancellationToken: cancellationToken);

    /// <summary>The value of rsync's -e: ssh with the same pinned options (rsync splits it on spaces).</summary>
    public string RsyncShell(InventoryHost host) => "ssh " + string.Join(' ', OptionArguments(host));

    public async ValueTask DisposeAsync() => await CloseAsync();

    /// <summary>Closes every master connection this transport opened.</summary>
    public async Task CloseAsync()
    {
        foreach (var host in _inventory.Hosts)
        {
            await ProcessRunner.RunAsync("ssh", [.. OptionArguments(host), "-O", "exit", host.SshHost], timeout: TimeSpan.FromSeconds(5));
        }
    }
}

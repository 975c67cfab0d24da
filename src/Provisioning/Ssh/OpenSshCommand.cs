using System.Globalization;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Ssh;

/// <summary>
/// The OpenSSH client's arguments for a person at a terminal (<c>ferry ssh</c>): BatchMode, and host keys
/// pinned from the inventory (StrictHostKeyChecking=yes against a known_hosts file written here).
/// Everything ferry itself runs goes through <see cref="SshNetShell"/>.
/// </summary>
public sealed class OpenSshCommand
{
    private readonly SshOptions _options;

    /// <param name="stateDirectory">Where the known_hosts file is written.</param>
    public OpenSshCommand(HostInventory inventory, string stateDirectory, SshOptions options)
    {
        _options = options;
        KnownHostsPath = Path.Combine(stateDirectory, "known_hosts");
        Directory.CreateDirectory(stateDirectory);
        File.WriteAllLines(KnownHostsPath, inventory.Hosts.Select(h => h.KnownHostsLine));
    }

    public string KnownHostsPath { get; }

    /// <summary>ssh's arguments: an interactive shell with a terminal when <paramref name="command"/> is empty, else the command with each word quoted for the remote shell.</summary>
    public IReadOnlyList<string> Arguments(InventoryHost host, IReadOnlyList<string> command) =>
        command.Count == 0
            ? [.. Options(host), "-t", host.SshHost]
            : [.. Options(host), host.SshHost, "--", .. command.Select(ShellQuote.Quote)];

    private IEnumerable<string> Options(InventoryHost host) =>
    [
        "-F", "/dev/null",
        "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=yes",
        "-o", $"UserKnownHostsFile={KnownHostsPath}",
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "IdentitiesOnly=yes",
        "-o", $"ConnectTimeout={_options.ConnectTimeout}",
        "-o", $"ServerAliveInterval={_options.KeepAliveInterval}",
        "-o", "ServerAliveCountMax=3",
        "-o", "ControlMaster=no",
        "-o", "LogLevel=ERROR",
        "-i", host.KeyPath,
        "-p", host.SshPort.ToString(CultureInfo.InvariantCulture),
        "-l", host.User,
    ];
}

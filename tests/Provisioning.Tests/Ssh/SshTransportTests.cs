using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;

namespace Ferry.Provisioning.Tests.Ssh;

public class SshTransportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ferry-ssh").FullName;
    private readonly HostInventory _inventory = new("t", "local", "10.252.0.0/24",
    [
        new InventoryHost("a", HostRole.Workload, "aws", "10.250.0.3", 22, "root", "/keys/id", "10.250.0.3 ssh-ed25519 AAAA", "10.10.1.10"),
    ]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CommandArguments_PinHostKeysAndNeverPrompt()
    {
        var ssh = new SshTransport(_inventory, new SshOptions(_dir));

        var args = ssh.CommandArguments(_inventory.Host("a"), ["echo", "hi there"]);

        Assert.Contains("StrictHostKeyChecking=yes", args);
        Assert.Contains("BatchMode=yes", args);
        Assert.Contains($"UserKnownHostsFile={_dir}/known_hosts", args);
        Assert.DoesNotContain(args, a => a.Contains("StrictHostKeyChecking=no") || a.Contains("accept-new"));
        Assert.Equal(["10.250.0.3", "--", "echo", "'hi there'"], args.TakeLast(4));
    }

    [Fact]
    public void New_WritesTheInventorysKnownHostsLines()
    {
        var ssh = new SshTransport(_inventory, new SshOptions(_dir));

        Assert.Equal(["10.250.0.3 ssh-ed25519 AAAA"], File.ReadAllLines(ssh.KnownHostsPath));
    }

    [Fact]
    public async Task RunAsync_UnreachableHost_FailsWithinTheConnectTimeout()
    {
        var inventory = _inventory with { Hosts = [_inventory.Hosts[0] with { SshHost = "127.0.0.1", SshPort = 1 }] };
        var ssh = new SshTransport(inventory, new SshOptions(_dir, ConnectTimeout: 2));

        var result = await ssh.RunAsync("a", ["true"], TimeSpan.FromSeconds(20));

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.Duration < TimeSpan.FromSeconds(15));
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;

namespace Ferry.Provisioning.Tests.Ssh;

/// <summary>SshNetShell against addresses where no sshd answers; needs no local cloud.</summary>
public sealed class SshNetShellUnreachableTests : IDisposable
{
    private readonly TestKeys _keys = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task RunScriptAsync_ConnectionRefused_ThrowsRemoteShellExceptionNamingHostAndAddress()
    {
        var host = new InventoryHost("a", HostRole.Workload, "aws", "127.0.0.1", 1, "root", await _keys.MakeAsync("ed25519", "id"), "127.0.0.1 ssh-ed25519 AAAA", "10.10.1.10");
        await using var shell = new SshNetShell(new SshOptions(ConnectTimeout: 2));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<RemoteShellException>(() => shell.RunScriptAsync(host, "true"));

        Assert.StartsWith("a (127.0.0.1:1): cannot connect over SSH: ", e.Message);
        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task RunScriptAsync_ServerNeverSpeaks_ThrowsRemoteShellExceptionAfterTheConnectTimeout()
    {
        // Accepts the TCP connection and then says nothing, like a hung sshd.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var host = new InventoryHost("b", HostRole.Workload, "aws", "127.0.0.1", port, "root", await _keys.MakeAsync("ed25519", "id"), "127.0.0.1 ssh-ed25519 AAAA", "10.10.1.10");
        await using var shell = new SshNetShell(new SshOptions(ConnectTimeout: 2));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<RemoteShellException>(() => shell.RunScriptAsync(host, "true"));

        Assert.StartsWith($"b (127.0.0.1:{port}): no SSH connection within 2 s: ", e.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunScriptAsync_MissingKeyFile_ThrowsRemoteShellExceptionNamingTheKey()
    {
        var host = new InventoryHost("c", HostRole.Workload, "aws", "127.0.0.1", 1, "root", "/nonexistent/id", "127.0.0.1 ssh-ed25519 AAAA", "10.10.1.10");
        await using var shell = new SshNetShell();

        var e = await Assert.ThrowsAsync<RemoteShellException>(() => shell.RunScriptAsync(host, "true"));

        Assert.StartsWith("c (127.0.0.1:1): cannot use the private key /nonexistent/id: ", e.Message);
    }

    [Fact]
    public void RemoteCommand_NeverCarriesTheScriptAndUsesSudoOnlyForOtherUsers()
    {
        var root = new InventoryHost("a", HostRole.Workload, "aws", "10.0.0.1", 22, "root", "/k", "10.0.0.1 ssh-ed25519 AAAA", "10.10.1.10");

        Assert.Equal("setsid -w bash -c '. /dev/stdin'", SshNetShell.RemoteCommand(root));
        Assert.Equal("sudo -n setsid -w bash -c '. /dev/stdin'", SshNetShell.RemoteCommand(root with { User = "admin" }));
    }
}

using System.Net.Sockets;
using Ferry.Provisioning.Inventory;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Ferry.Provisioning.Ssh;

/// <summary>The one SSH connection to a host that every script on it shares; opened when first needed and again after it dropped.</summary>
internal sealed class HostConnection(InventoryHost host, SshOptions options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile SshClient? _client;
    private PrivateKeyFile? _key;
    private bool _disposed;

    private string Where => $"{host.Name} ({host.SshHost}:{host.SshPort})";

    /// <summary>The open connection; <paramref name="replacing"/> is one the caller found broken.</summary>
    public async Task<SshClient> ClientAsync(SshClient? replacing, CancellationToken cancellationToken)
    {
        if (_client is { } open && open != replacing && IsOpen(open))
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is { } opened && opened != replacing && IsOpen(opened))
            {
                return opened;
            }

            Close();
            _client = await ConnectAsync(cancellationToken);
            return _client;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether <paramref name="client"/> is connected; false also when another call already replaced and disposed it.</summary>
    public static bool IsOpen(SshClient client)
    {
        try
        {
            return client.IsConnected;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            Close();
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Close()
    {
        _client?.Dispose();
        _client = null;
        _key?.Dispose();
        _key = null;
    }

    private async Task<SshClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var pinned = KnownHostsEntry.Parse(host.KnownHostsLine, host.Name);
        try
        {
            _key = new PrivateKeyFile(host.KeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SshException)
        {
            throw new RemoteShellException($"{Where}: cannot use the private key {host.KeyPath}: {e.Message}", e);
        }

        var info = new ConnectionInfo(host.SshHost, host.SshPort, host.User, new PrivateKeyAuthenticationMethod(host.User, _key))
        {
            Timeout = TimeSpan.FromSeconds(options.ConnectTimeout),
        };
        OfferOnlyThePinnedKeyType(info, pinned.KeyType);
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(options.KeepAliveInterval) };
        HostKeyEventArgs? refused = null;
        client.HostKeyReceived += (_, e) =>
        {
            e.CanTrust = e.HostKey.AsSpan().SequenceEqual(pinned.Key);
            refused = e.CanTrust ? null : e;
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch (Exception e) when (refused is not null && e is SshException)
        {
            client.Dispose();
            throw new RemoteShellException(
                $"{Where}: the host key differs from the inventory's pinned key: the inventory expects {pinned.Fingerprint} ({pinned.KeyType}), " +
                $"the server presented {KnownHostsEntry.Sha256Fingerprint(refused.HostKey)} ({refused.HostKeyName}). " +
                "If the host was rebuilt, read its key again ('ferry up' for the local cloud, 'ferry inventory --from-pulumi' for a real cloud); " +
                "if it was not, something else answers at that address: do not connect.",
                e);
        }
        catch (Exception e) when (e is SshAuthenticationException)
        {
            client.Dispose();
            throw new RemoteShellException($"{Where}: authentication as {host.User} with key {host.KeyPath} failed: {e.Message}", e);
        }
        catch (Exception e) when (e is SshOperationTimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            throw new RemoteShellException($"{Where}: no SSH connection within {options.ConnectTimeout} s: {e.Message}", e);
        }
        catch (Exception e) when (e is SocketException or SshException)
        {
            client.Dispose();
            throw new RemoteShellException($"{Where}: cannot connect over SSH: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Asks only for the key type the inventory pins, so a server holding several keys presents that one.</summary>
    private static void OfferOnlyThePinnedKeyType(ConnectionInfo info, string keyType)
    {
        string[] algorithms = keyType == "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [keyType];
        if (!info.HostKeyAlgorithms.Keys.Any(algorithms.Contains))
        {
            return;
        }

        foreach (var name in info.HostKeyAlgorithms.Keys.Where(k => !algorithms.Contains(k)).ToList())
        {
            info.HostKeyAlgorithms.Remove(name);
        }
    }
}

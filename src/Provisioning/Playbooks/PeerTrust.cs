using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.Provisioning.Playbooks;

/// <summary>
/// Lets the stack's hosts reach each other over ssh for migration transfers: one peer key per stack,
/// and every host's pinned key listed under its private and public addresses.
/// </summary>
public static class PeerTrust
{
    public static async Task ApplyAsync(RemoteContext remote, HostInventory inventory, string keyPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(keyPath))
        {
            var made = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"ferry-peer-{inventory.Stack}", "-f", keyPath], cancellationToken: cancellationToken);
            if (!made.Succeeded)
            {
                throw new RemoteTaskException($"ssh-keygen for the peer key failed: {made.Tail()}", made);
            }
        }

        var inputs = new PeerTrustInputs(
            Convert.ToBase64String(await File.ReadAllBytesAsync(keyPath, cancellationToken)),
            (await File.ReadAllTextAsync(keyPath + ".pub", cancellationToken)).Trim(),
            KnownHosts(inventory));
        var task = new ScriptTask<PeerTrustInputs>(Timeouts.Configure);
        await Task.WhenAll(inventory.Hosts.Select(h => task.RunAsync(remote, h, inputs, cancellationToken: cancellationToken)));
    }

    /// <summary>known_hosts lines naming each host by its private and public addresses.</summary>
    public static IReadOnlyList<string> KnownHosts(HostInventory inventory) =>
        inventory.Hosts.Select(h =>
        {
            var key = h.KnownHostsLine.Split(' ', 2)[1];
            var names = new[] { h.PrivateIp, h.PublicIp }.Where(n => !string.IsNullOrEmpty(n)).Distinct();
            return $"{string.Join(',', names)} {key}";
        }).ToList();
}

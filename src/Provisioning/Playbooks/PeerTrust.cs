using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.Provisioning.Playbooks;

/// <summary>
/// Lets workloads push images to each other over ssh for migration transfers, least privilege: one peer key
/// per stack, held and accepted only by workloads (a front or a gateway taken over cannot log into a workload
/// with it), and every host's pinned key listed under its private and public addresses.
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

        var privateKey = Convert.ToBase64String(await File.ReadAllBytesAsync(keyPath, cancellationToken));
        var publicKey = (await File.ReadAllTextAsync(keyPath + ".pub", cancellationToken)).Trim();
        var workloads = string.Join(',', inventory.WithRole(HostRole.Workload).Select(h => h.PrivateIp));
        var knownHosts = KnownHosts(inventory);
        var task = new ScriptTask<PeerTrustInputs>(Timeouts.Configure);
        await Task.WhenAll(inventory.Hosts.Select(h =>
        {
            var workload = h.Role == HostRole.Workload;
            return task.RunAsync(remote, h, new PeerTrustInputs(workload, h.User, workload ? privateKey : "", publicKey, workloads, knownHosts), cancellationToken: cancellationToken);
        }));
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

using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>
/// Lets the stack's hosts reach each other over ssh for migration transfers: one peer key per stack,
/// and every host's pinned key listed under its private and public addresses.
/// </summary>
public static class PeerTrust
{
    public static async Task ApplyAsync(HostInventory inventory, IRemoteShell shell, TemplateRenderer templates, string keyPath, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(keyPath))
        {
            var made = await ProcessRunner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"ferry-peer-{inventory.Stack}", "-f", keyPath], cancellationToken: cancellationToken);
            if (!made.Succeeded)
            {
                throw new InvalidOperationException($"ssh-keygen for the peer key failed: {made.Tail()}");
            }
        }

        var script = templates.Render("provision/peers.sh", new
        {
            PeerKeyBase64 = Convert.ToBase64String(await File.ReadAllBytesAsync(keyPath, cancellationToken)),
            PeerPublicKey = (await File.ReadAllTextAsync(keyPath + ".pub", cancellationToken)).Trim(),
            KnownHosts = KnownHosts(inventory),
        });
        var results = await Task.WhenAll(inventory.Hosts.Select(async h => (h, await shell.RunScriptAsync(h, script, cancellationToken: cancellationToken))));
        foreach (var (host, result) in results.Where(r => !r.Item2.Succeeded))
        {
            throw new InvalidOperationException($"peer trust on {host.Name} failed (exit {result.ExitCode}): {result.Tail()}");
        }
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

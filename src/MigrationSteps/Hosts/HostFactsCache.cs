using System.Collections.Concurrent;
using System.Text.Json;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Hosts;

/// <summary>
/// The hosts' <see cref="HostFacts"/>, kept in the stack's state directory beside the inventory
/// (host-facts/HOST.json), so a migration asks a host only for what changes: memory, disk, containers.
/// </summary>
public sealed class HostFactsCache(RemoteContext remote, string stackDirectory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly ScriptTask<HostFactsInputs> Ask = new(Timeouts.Query);
    private readonly ConcurrentDictionary<string, HostFacts> _known = new();

    private string Directory => Path.Combine(stackDirectory, "host-facts");

    /// <summary>The cached facts, or null when this host has none yet.</summary>
    public HostFacts? Cached(string host)
    {
        if (_known.TryGetValue(host, out var facts))
        {
            return facts;
        }

        var path = Path.Combine(Directory, host + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            facts = JsonSerializer.Deserialize<HostFacts>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            // A damaged cache entry is learned again, as if it were missing.
            return null;
        }

        // Facts cached by an older ferry have no memory costs: learned again, as if they were missing.
        return facts?.MemoryCosts is null ? null : _known[host] = facts;
    }

    /// <summary>Asks the host for its facts and caches them.</summary>
    public async Task<HostFacts> LearnAsync(InventoryHost host, CancellationToken cancellationToken = default)
    {
        var facts = HostFacts.From(host.Name, await Ask.RunAsync(remote, host, new HostFactsInputs(), cancellationToken: cancellationToken));
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, host.Name + ".json");
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(facts, Json));
        File.Move(path + ".tmp", path, overwrite: true);
        return _known[host.Name] = facts;
    }

    /// <summary>Learns the facts of every workload host at once (at provisioning).</summary>
    public async Task LearnAllAsync(HostInventory inventory, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(inventory.WithRole(HostRole.Workload).Select(h => LearnAsync(h, cancellationToken)));
}

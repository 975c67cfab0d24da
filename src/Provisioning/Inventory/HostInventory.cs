using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ferry.Provisioning.Inventory;

/// <summary>
/// The seam between clouds and the engine: every cloud (local or real) ends in this document,
/// and nothing after it knows which cloud a host is in.
/// </summary>
public sealed record HostInventory(
    [property: JsonPropertyName("stack")] string Stack,
    [property: JsonPropertyName("cloud")] string Cloud,
    [property: JsonPropertyName("appSubnet")] string AppSubnet,
    [property: JsonPropertyName("hosts")] IReadOnlyList<InventoryHost> Hosts)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public InventoryHost Host(string name) =>
        Hosts.FirstOrDefault(h => h.Name == name)
        ?? throw new InventoryException($"no host named '{name}' in stack '{Stack}'; known hosts: {string.Join(", ", Hosts.Select(h => h.Name))}");

    public IEnumerable<InventoryHost> WithRole(HostRole role) => Hosts.Where(h => h.Role == role);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static HostInventory FromJson(string json, string source)
    {
        try
        {
            var inventory = JsonSerializer.Deserialize<HostInventory>(json, Json);
            if (inventory?.Hosts is null || inventory.Stack is null)
            {
                throw new InventoryException($"{source}: not an inventory (expected stack and hosts)");
            }

            return inventory;
        }
        catch (JsonException e)
        {
            throw new InventoryException($"{source}: not valid inventory JSON at {e.Path}: {e.Message}");
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, ToJson());
        File.Move(temp, path, overwrite: true);
    }

    public static HostInventory Load(string path) =>
        File.Exists(path)
            ? FromJson(File.ReadAllText(path), path)
            : throw new InventoryException($"no inventory at {path}; run 'ferry up' first");
}

using System.Net;
using System.Text.Json;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Reads what <c>pulumi stack output --json --show-secrets</c> prints for a rendered program and turns it
/// into the same <see cref="HostInventory"/> the local cloud produces. The program exports:
/// <code>
/// stack: aws-gcp
/// sshUser: ferry
/// hosts: { &lt;host&gt;: { role, site, cloud, publicIp, privateIp }, ... }
/// </code>
/// </summary>
public static class PulumiOutputs
{
    public const int SshPort = 22;

    public static HostInventory ToInventory(StackDefinition stack, string outputsJson, string keyPath, string? knownHostsPath = null)
    {
        using var doc = Parse(outputsJson);
        var root = doc.RootElement;
        var outputStack = String(root, "stack", "outputs");
        if (outputStack != stack.Name)
        {
            throw new InventoryException($"pulumi outputs are for stack '{outputStack}', not '{stack.Name}'; run pulumi stack output for the right stack");
        }

        var user = root.TryGetProperty("sshUser", out _) ? String(root, "sshUser", "outputs") : stack.Admin.User;
        if (!root.TryGetProperty("hosts", out var hosts) || hosts.ValueKind != JsonValueKind.Object)
        {
            throw new InventoryException("pulumi outputs have no 'hosts' object; was the program rendered by ferry and deployed with pulumi up?");
        }

        var known = knownHostsPath is null ? null : KnownHostsFile.Load(knownHostsPath);
        var inventoryHosts = new List<InventoryHost>();
        var unpinned = new List<string>();
        foreach (var (definition, site) in stack.AllHosts())
        {
            var where = $"hosts.{definition.Name}";
            if (!hosts.TryGetProperty(definition.Name, out var host) || host.ValueKind != JsonValueKind.Object)
            {
                throw new InventoryException($"pulumi outputs have no {where}; the deployed program is older than stacks/{stack.Name}.yaml: render it and run pulumi up again");
            }

            var role = definition.Role.ToString().ToLowerInvariant();
            Expect(host, where, "role", role);
            Expect(host, where, "site", site!.Name);
            var publicIp = Address(host, where, "publicIp");
            var privateIp = Address(host, where, "privateIp");
            var line = known?.Find(publicIp, SshPort);
            if (line is null)
            {
                unpinned.Add($"{definition.Name} ({publicIp})");
            }

            inventoryHosts.Add(new InventoryHost(definition.Name, definition.Role, site.Name, publicIp, SshPort, user, keyPath, line ?? "", privateIp, publicIp));
        }

        if (unpinned.Count > 0)
        {
            var source = known is null ? "no known_hosts file was given" : $"{known.Path} has no line for them";
            throw new InventoryException(
                $"no pinned SSH host key for {string.Join(", ", unpinned)}: {source}. A cloud host's key exists only after its first boot: " +
                "read each key's fingerprint from the instance's console output, add the matching known_hosts line, and pass that file; ferry never turns host key checking off");
        }

        return new HostInventory(stack.Name, "pulumi", stack.Network.Apps.ToString(), inventoryHosts);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc
                : throw new InventoryException("pulumi outputs are not a JSON object; expected the output of pulumi stack output --json --show-secrets");
        }
        catch (JsonException e)
        {
            throw new InventoryException($"pulumi outputs are not valid JSON: {e.Message}");
        }
    }

    private static string String(JsonElement obj, string name, string where) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InventoryException($"pulumi outputs: {where}.{name} is missing or not a string");

    private static void Expect(JsonElement host, string where, string name, string expected)
    {
        var actual = String(host, name, where);
        if (actual != expected)
        {
            throw new InventoryException($"pulumi outputs: {where}.{name} is '{actual}' but the stack says '{expected}'; render the program and run pulumi up again");
        }
    }

    private static string Address(JsonElement host, string where, string name)
    {
        var text = String(host, name, where);
        return IPAddress.TryParse(text, out _)
            ? text
            : throw new InventoryException($"pulumi outputs: {where}.{name} is '{text}', not an IP address; is the deployment complete?");
    }
}

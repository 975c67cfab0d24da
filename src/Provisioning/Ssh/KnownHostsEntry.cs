using System.Security.Cryptography;
using Ferry.Provisioning.Inventory;

namespace Ferry.Provisioning.Ssh;

/// <summary>One OpenSSH known_hosts line: <c>hosts keytype base64-key [comment]</c>.</summary>
/// <param name="Hosts">The host patterns (not checked: the inventory pins one key per host).</param>
/// <param name="KeyType">The key's type, e.g. <c>ssh-ed25519</c>.</param>
/// <param name="Key">The public key blob in SSH wire format, as servers present it.</param>
public sealed record KnownHostsEntry(string Hosts, string KeyType, byte[] Key)
{
    /// <summary>The key's fingerprint as <c>ssh-keygen -l</c> prints it.</summary>
    public string Fingerprint => Sha256Fingerprint(Key);

    /// <summary>Parses <paramref name="line"/>; <paramref name="hostName"/> only names the host in errors.</summary>
    public static KnownHostsEntry Parse(string line, string hostName)
    {
        var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3 || fields[0].StartsWith('@'))
        {
            throw new InventoryException($"host {hostName}: knownHostsLine must read 'host keytype base64-key', got '{line}'");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(fields[2]);
        }
        catch (FormatException)
        {
            throw new InventoryException($"host {hostName}: the key in knownHostsLine is not base64: '{fields[2]}'");
        }

        return new KnownHostsEntry(fields[0], fields[1], key);
    }

    /// <summary><c>SHA256:</c> and the unpadded base64 of the blob's SHA-256, OpenSSH's format.</summary>
    public static string Sha256Fingerprint(ReadOnlySpan<byte> keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');
}

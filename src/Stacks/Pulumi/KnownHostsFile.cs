using System.Security.Cryptography;
using System.Text;
using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// An OpenSSH known_hosts file the operator vouches for. A real cloud host's key only exists after its
/// first boot, so it cannot be known when the program is rendered: the operator verifies each key (for
/// example against the fingerprint in the instance's console output) and pins it here.
/// </summary>
public sealed class KnownHostsFile
{
    private static readonly string[] PreferredKeyTypes = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa"];

    private readonly string _path;
    private readonly IReadOnlyList<string> _lines;

    private KnownHostsFile(string path, IReadOnlyList<string> lines)
    {
        _path = path;
        _lines = lines;
    }

    public static KnownHostsFile Load(string path) =>
        File.Exists(path)
            ? Parse(path, File.ReadAllText(path))
            : throw new InventoryException($"no known_hosts file at {path}; pin each host's verified key there (one known_hosts line per host)");

    public static KnownHostsFile Parse(string path, string text) =>
        new(path, text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList());

    public string Path => _path;

    /// <summary>The pinned line for <paramref name="host"/> (an address or name), preferring ed25519; null when none is pinned.</summary>
    public string? Find(string host, int port = 22)
    {
        var matches = new List<(string Line, string Type)>();
        foreach (var line in _lines)
        {
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var revoked = fields is ["@revoked", ..];
            if (fields.Length > 0 && fields[0].StartsWith('@') && !revoked)
            {
                continue;
            }

            var hostField = revoked ? 1 : 0;
            if (fields.Length < hostField + 3 || !Matches(fields[hostField], host, port))
            {
                continue;
            }

            if (revoked)
            {
                throw new InventoryException($"{_path}: the key pinned for {host} is marked @revoked; verify the host's new key and pin it");
            }

            matches.Add((line, fields[1]));
        }

        return matches
            .OrderBy(m => Array.IndexOf(PreferredKeyTypes, m.Type) is var i and >= 0 ? i : PreferredKeyTypes.Length)
            .Select(m => m.Line)
            .FirstOrDefault();
    }

    private static bool Matches(string patterns, string host, int port)
    {
        var name = port == 22 ? host : $"[{host}]:{port}";
        if (patterns.StartsWith("|1|", StringComparison.Ordinal))
        {
            return HashedMatches(patterns, name);
        }

        var list = patterns.Split(',');
        return !list.Contains("!" + name, StringComparer.OrdinalIgnoreCase) && list.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>HashKnownHosts entries: <c>|1|base64(salt)|base64(HMAC-SHA1(salt, host))</c>.</summary>
    private static bool HashedMatches(string field, string name)
    {
        var parts = field.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            return CryptographicOperations.FixedTimeEquals(HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name)), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

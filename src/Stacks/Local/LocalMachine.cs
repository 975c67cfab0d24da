using System.Text.RegularExpressions;

namespace Ferry.Stacks.Local;

/// <summary>Facts about the machine the local cloud runs on.</summary>
public static partial class LocalMachine
{
    public static void RequireRoot(string what)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new LocalCloudException($"ferry must run as root to {what} (it creates namespaces, mounts and bridges): rerun with sudo");
        }
    }

    /// <summary>The Debian mirror this machine's apt already uses (FERRY_MIRROR overrides).</summary>
    public static string DebianMirror()
    {
        if (Environment.GetEnvironmentVariable("FERRY_MIRROR") is { Length: > 0 } mirror)
        {
            return mirror;
        }

        var files = new List<string>();
        if (File.Exists("/etc/apt/sources.list"))
        {
            files.Add("/etc/apt/sources.list");
        }

        if (Directory.Exists("/etc/apt/sources.list.d"))
        {
            files.AddRange(Directory.GetFiles("/etc/apt/sources.list.d").Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal)).Order());
        }

        foreach (var file in files)
        {
            foreach (Match m in MirrorPattern().Matches(File.ReadAllText(file)))
            {
                var uri = m.Groups["uri"].Value.TrimEnd('/');
                if (uri.EndsWith("/debian", StringComparison.Ordinal))
                {
                    return uri;
                }
            }
        }

        throw new LocalCloudException("found no Debian mirror in /etc/apt/sources.list{,.d}: set FERRY_MIRROR to a Debian mirror URL");
    }

    [GeneratedRegex(@"^(?:URIs:\s*|deb\s+(?:\[[^\]]*\]\s+)?)(?<uri>https?://\S+)", RegexOptions.Multiline)]
    private static partial Regex MirrorPattern();
}

using Ferry.Provisioning.Processes;

namespace Ferry.Provisioning.Remote;

/// <summary>
/// What a script reported: its <c>ferry-out KEY=VALUE</c> lines (the one output format of every
/// template; the <c>out</c> shell function in partials/out.sh writes them), with the command's result.
/// </summary>
public sealed class ScriptOutput
{
    public const string Prefix = "ferry-out ";

    private ScriptOutput(CommandResult result, IReadOnlyDictionary<string, string> values)
    {
        Result = result;
        Values = values;
    }

    public CommandResult Result { get; }

    /// <summary>Every reported key and its last value.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public static ScriptOutput From(CommandResult result) => new(result, Parse(result.StandardOutput));

    /// <summary>The value of one key from one output line, or null when the line is not a ferry-out line.</summary>
    public static KeyValuePair<string, string>? ParseLine(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = line[Prefix.Length..];
        var equals = rest.IndexOf('=');
        return equals <= 0 ? null : new KeyValuePair<string, string>(rest[..equals], rest[(equals + 1)..].TrimEnd('\r'));
    }

    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>();
        foreach (var line in text.Split('\n'))
        {
            if (ParseLine(line) is { } pair)
            {
                values[pair.Key] = pair.Value;
            }
        }

        return values;
    }

    public string? Get(string key) => Values.GetValueOrDefault(key);

    /// <summary>A key the script must have reported.</summary>
    public string Require(string key) =>
        Values.TryGetValue(key, out var value) ? value : throw new RemoteTaskException($"the script reported no {key}", Result);

    /// <summary>Every KEY.SUFFIX under a prefix key, by suffix.</summary>
    public IReadOnlyDictionary<string, string> WithPrefix(string key) => WithPrefix(Values, key);

    public static IReadOnlyDictionary<string, string> WithPrefix(IReadOnlyDictionary<string, string> values, string key) =>
        values.Where(p => p.Key.StartsWith(key + ".", StringComparison.Ordinal)).ToDictionary(p => p.Key[(key.Length + 1)..], p => p.Value);

    /// <summary>A base64 value, decoded as UTF-8 text.</summary>
    public string Text(string key) => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Require(key)));
}

using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Provisioning.Files;

/// <summary>
/// Typed reads of one YAML mapping that remember the field path and position, so every error names
/// the file, the line and the field. Unknown keys are errors: a typo must not be silently ignored.
/// </summary>
public sealed class YamlFields
{
    private readonly string _file;
    private readonly string _path;
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _allowed;

    public YamlFields(string file, string path, YamlNode node, params string[] allowed)
    {
        _file = file;
        _path = path;
        _node = node as YamlMappingNode ?? throw Error(node, path, "expected a mapping (key: value lines)");
        _allowed = new HashSet<string>(allowed, StringComparer.Ordinal);
        foreach (var key in _node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!_allowed.Contains(name))
            {
                throw Error(key, Join(name), $"unknown field; expected one of: {string.Join(", ", allowed)}");
            }
        }
    }

    public static YamlNode Load(string file, string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                throw new YamlFileException(file, 1, 1, "(document)", "the file is empty");
            }

            return stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            throw new YamlFileException(file, e.Start.Line, e.Start.Column, "(syntax)", e.InnerException?.Message ?? e.Message);
        }
    }

    public string File => _file;

    public string Path => _path;

    public YamlNode Node => _node;

    public string Join(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public bool Has(string key) => Get(key) is not null;

    public YamlNode? Get(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string RequiredString(string key, string expected)
    {
        var value = OptionalString(key, expected);
        return value ?? throw Error(_node, Join(key), $"missing; expected {expected}");
    }

    public string? OptionalString(string key, string expected)
    {
        var node = Get(key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { Length: > 0 } value })
        {
            throw Error(node, Join(key), $"expected {expected}");
        }

        return value;
    }

    public bool? OptionalBool(string key)
    {
        var text = OptionalString(key, "true or false");
        return text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw Error(Get(key)!, Join(key), $"expected true or false, got '{text}'"),
        };
    }

    public int? OptionalInt(string key, int min, int max, string expected)
    {
        var text = OptionalString(key, expected);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Error(Get(key)!, Join(key), $"expected {expected} ({min}..{max}), got '{text}'");
        }

        return value;
    }

    public T Parse<T>(string key, string expected, Func<string, T?> parse, T? fallback = null)
        where T : struct
    {
        var text = OptionalString(key, expected);
        if (text is null)
        {
            return fallback ?? throw Error(_node, Join(key), $"missing; expected {expected}");
        }

        return parse(text) ?? throw Error(Get(key)!, Join(key), $"expected {expected}, got '{text}'");
    }

    public TEnum RequiredEnum<TEnum>(string key) where TEnum : struct, Enum
    {
        var names = string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        var text = RequiredString(key, $"one of {names}");
        if (!Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) || int.TryParse(text, out _))
        {
            throw Error(Get(key)!, Join(key), $"expected one of {names}, got '{text}'");
        }

        return value;
    }

    public IReadOnlyList<(YamlNode Node, string Path)> List(string key, bool required, string expected)
    {
        var node = Get(key);
        if (node is null)
        {
            return required ? throw Error(_node, Join(key), $"missing; expected {expected}") : [];
        }

        if (node is not YamlSequenceNode seq)
        {
            throw Error(node, Join(key), $"expected a list of {expected}");
        }

        return seq.Children.Select((child, i) => (child, $"{Join(key)}[{i}]")).ToList();
    }

    public YamlFields Child(string key, params string[] allowed)
    {
        var node = Get(key) ?? throw Error(_node, Join(key), "missing");
        return new YamlFields(_file, Join(key), node, allowed);
    }

    public YamlFields? OptionalChild(string key, params string[] allowed)
    {
        var node = Get(key);
        return node is null ? null : new YamlFields(_file, Join(key), node, allowed);
    }

    public YamlFileException Error(YamlNode node, string field, string problem) =>
        new(_file, node.Start.Line, node.Start.Column, field, problem);

    public YamlFileException Error(string key, string problem) =>
        Error(Get(key) ?? _node, Join(key), problem);
}

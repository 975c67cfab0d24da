using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>
/// Checks a Pulumi YAML program text the way pulumi-yaml's type checker would, against the vendored
/// provider schema data: known type tokens, known inputs of the right type (nested objects recursively),
/// required inputs, pinned versions, and references that resolve. Returns every problem found.
/// </summary>
public sealed partial class PulumiProgramChecker(ProviderSchema schema)
{
    private static readonly string[] TopLevelKeys = ["name", "description", "config", "variables", "resources", "outputs"];

    private readonly List<string> _errors = [];
    private readonly Dictionary<string, IReadOnlySet<string>?> _declared = [];
    private readonly Dictionary<string, string> _providerPackages = [];

    public static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public IReadOnlyList<string> Check(string yaml)
    {
        var root = Parse(yaml);
        foreach (var key in root.Children.Keys.Select(Text))
        {
            if (!TopLevelKeys.Contains(key))
            {
                _errors.Add($"unknown top-level key '{key}'");
            }
        }

        var config = Child(root, "config");
        var variables = Child(root, "variables");
        var resources = Child(root, "resources") ?? new YamlMappingNode();
        foreach (var (key, value) in Entries(config))
        {
            Declare(Text(key), null);
            var unknown = value is YamlMappingNode declaration
                ? declaration.Children.Keys.Select(Text).Where(k => k is not ("type" or "secret" or "default" or "value")).ToList()
                : [];
            if (unknown.Count > 0)
            {
                _errors.Add($"config.{Text(key)}: keys {string.Join(", ", unknown)} are not part of a Pulumi YAML config declaration (type, secret, default, value)");
            }
        }

        foreach (var (key, _) in Entries(variables))
        {
            Declare(Text(key), null);
        }

        foreach (var (key, value) in resources.Children)
        {
            var type = Text(Node((YamlMappingNode)value, "type")!);
            schema.TryResource(type, out var package, out _, out var outputs);
            Declare(Text(key), outputs);
            if (type.StartsWith("pulumi:providers:", StringComparison.Ordinal))
            {
                _providerPackages[Text(key)] = package;
            }
        }

        foreach (var (key, value) in Entries(variables))
        {
            CheckVariable(Text(key), value);
        }

        foreach (var (key, value) in resources.Children)
        {
            CheckResource(Text(key), (YamlMappingNode)value);
        }

        CheckReferences(root, "");
        return _errors;
    }

    private void Declare(string name, IReadOnlySet<string>? outputs)
    {
        if (!_declared.TryAdd(name, outputs))
        {
            _errors.Add($"'{name}' is declared twice (config, variables and resources share one namespace)");
        }
    }

    private void CheckResource(string name, YamlMappingNode node)
    {
        foreach (var key in node.Children.Keys.Select(Text).Where(k => k is not ("type" or "properties" or "options")))
        {
            _errors.Add($"{name}: unknown resource key '{key}'");
        }

        var type = Text(node.Children["type"]);
        if (!schema.TryResource(type, out var package, out var inputs, out _))
        {
            _errors.Add($"{name}: type token '{type}' is not in the provider schema data");
            return;
        }

        CheckObject($"{name}.properties", package, Child(node, "properties") ?? new YamlMappingNode(), inputs);
        CheckOptions(name, package, Child(node, "options"), providerRequired: !type.StartsWith("pulumi:providers:", StringComparison.Ordinal));
    }

    private void CheckVariable(string name, YamlNode node)
    {
        if (node is not YamlMappingNode map || Child(map, "fn::invoke") is not { } invoke)
        {
            _errors.Add($"{name}: only fn::invoke variables are expected");
            return;
        }

        var function = Text(Node(invoke, "function")!);
        if (!schema.TryFunction(function, out var package, out var arguments, out var results))
        {
            _errors.Add($"{name}: function '{function}' is not in the provider schema data");
            return;
        }

        if (Node(invoke, "return") is YamlScalarNode { Value: { } field } && !results.Contains(field))
        {
            _errors.Add($"{name}: return '{field}' is not a result field of {function}");
        }

        CheckObject($"{name}.arguments", package, Child(invoke, "arguments") ?? new YamlMappingNode(), arguments);
        CheckOptions(name, package, Child(invoke, "options"), providerRequired: true);
    }

    private void CheckOptions(string name, string package, YamlMappingNode? options, bool providerRequired)
    {
        if (options is null)
        {
            _errors.Add($"{name}: no options; the plugin version must be pinned");
            return;
        }

        foreach (var key in options.Children.Keys.Select(Text).Where(k => k is not ("provider" or "version")))
        {
            _errors.Add($"{name}: unexpected option '{key}'");
        }

        var version = Node(options, "version") is YamlScalarNode v ? v.Value : null;
        if (version != schema.Version(package))
        {
            _errors.Add($"{name}: options.version is '{version}', expected the pinned {package} {schema.Version(package)}");
        }

        var provider = Node(options, "provider") is YamlScalarNode p ? p.Value : null;
        if (providerRequired)
        {
            var match = provider is null ? null : WholeReference().Match(provider);
            if (match is null || !match.Success || !_providerPackages.TryGetValue(match.Groups[1].Value, out var providerPackage) || providerPackage != package)
            {
                _errors.Add($"{name}: options.provider '{provider}' is not an explicit pulumi:providers:{package} resource");
            }
        }
    }

    private void CheckObject(string path, string package, YamlNode node, IReadOnlyList<JsonElement> properties)
    {
        if (node is not YamlMappingNode map)
        {
            _errors.Add($"{path}: expected an object");
            return;
        }

        var byName = properties.ToDictionary(p => p.GetProperty("name").GetString()!);
        foreach (var (key, value) in map.Children)
        {
            var name = Text(key);
            if (!byName.TryGetValue(name, out var property))
            {
                _errors.Add($"{path}.{name}: not a known input (known: {string.Join(", ", byName.Keys.Order())})");
                continue;
            }

            CheckValue($"{path}.{name}", package, value, property);
        }

        foreach (var required in properties.Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean()))
        {
            var name = required.GetProperty("name").GetString()!;
            if (!map.Children.ContainsKey(new YamlScalarNode(name)))
            {
                _errors.Add($"{path}: required input '{name}' is missing");
            }
        }
    }

    private void CheckValue(string path, string package, YamlNode node, JsonElement property)
    {
        var type = property.GetProperty("type").GetString()!;
        if (node is YamlScalarNode { Value: { } v } && WholeReference().IsMatch(v))
        {
            return;
        }

        if (node is YamlMappingNode { Children.Count: 1 } fn && Text(fn.Children.Keys.Single()).StartsWith("fn::", StringComparison.Ordinal))
        {
            var function = Text(fn.Children.Keys.Single());
            if (function != "fn::toBase64" || type != "string")
            {
                _errors.Add($"{path}: {function} where a {type} is expected");
            }

            return;
        }

        switch (type)
        {
            case "string" or "integer" or "number" or "boolean":
                var actual = ScalarType(node);
                var fits = actual == type || (type == "number" && actual == "integer");
                if (!fits)
                {
                    _errors.Add($"{path}: expected {type}, got {actual}");
                }
                else if (type == "string" && property.TryGetProperty("enum", out var enumName) && node is YamlScalarNode scalar && !scalar.Value!.Contains("${", StringComparison.Ordinal))
                {
                    var values = schema.EnumValues(package, enumName.GetString()!);
                    if (values is not null && !values.Contains(scalar.Value))
                    {
                        _errors.Add($"{path}: '{scalar.Value}' is not a value of enum {enumName.GetString()} ({string.Join(", ", values)})");
                    }
                }

                break;
            case "array":
                if (node is not YamlSequenceNode sequence)
                {
                    _errors.Add($"{path}: expected array");
                    break;
                }

                var items = property.GetProperty("items");
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    CheckValue($"{path}[{i}]", package, sequence.Children[i], items);
                }

                break;
            case "map":
                if (node is not YamlMappingNode mapNode)
                {
                    _errors.Add($"{path}: expected map");
                    break;
                }

                if (property.TryGetProperty("additionalProperties", out var element) && element.ValueKind == JsonValueKind.Object)
                {
                    foreach (var (key, value) in mapNode.Children)
                    {
                        CheckValue($"{path}.{Text(key)}", package, value, element);
                    }
                }

                break;
            case "object":
                var reference = property.GetProperty("ref").GetString()!;
                var nested = schema.InputType(package, reference);
                if (nested is null)
                {
                    _errors.Add($"{path}: type {reference} is not in types.input");
                    break;
                }

                CheckObject(path, package, node, nested);
                break;
            case "any":
                break;
            default:
                _errors.Add($"{path}: schema type '{type}' is not handled by the checker");
                break;
        }
    }

    /// <summary>Every <c>${…}</c> anywhere must start at a declared name and, for a resource, an output it has.</summary>
    private void CheckReferences(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } text }:
                foreach (Match m in Reference().Matches(text))
                {
                    var root = m.Groups[1].Value;
                    var property = m.Groups[2].Success ? m.Groups[2].Value : null;
                    if (!_declared.TryGetValue(root, out var outputs))
                    {
                        _errors.Add($"{path}: reference {m.Value} does not name a declared resource, variable or config key");
                    }
                    else if (property is not null && outputs is not null && !outputs.Contains(property))
                    {
                        _errors.Add($"{path}: reference {m.Value}: '{property}' is not an output of {root}");
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    CheckReferences(sequence.Children[i], $"{path}[{i}]");
                }

                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    CheckReferences(value, path.Length == 0 ? Text(key) : $"{path}.{Text(key)}");
                }

                break;
        }
    }

    public static string ScalarType(YamlNode node)
    {
        if (node is not YamlScalarNode scalar)
        {
            return node is YamlSequenceNode ? "array" : "object";
        }

        if (scalar.Style != ScalarStyle.Plain)
        {
            return "string";
        }

        var value = scalar.Value ?? "";
        return value switch
        {
            "true" or "false" => "boolean",
            "null" or "~" or "" => "null",
            _ when IntegerPattern().IsMatch(value) => "integer",
            _ when double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) => "number",
            _ => "string",
        };
    }

    private static YamlNode? Node(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static YamlMappingNode? Child(YamlMappingNode node, string key) => Node(node, key) as YamlMappingNode;

    private static List<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode? node) => node?.Children.ToList() ?? [];

    private static string Text(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

    [GeneratedRegex(@"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?[^}]*\}")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[.\[][^}]*)?\}$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();
}

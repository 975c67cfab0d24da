using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Pulumi;

/// <summary>Turns a <see cref="PulumiProgram"/> into Pulumi YAML text through YamlDotNet's node model.</summary>
public static partial class PulumiYamlSerializer
{
    public static string Serialize(PulumiProgram program)
    {
        var root = new YamlMappingNode
        {
            { "name", Scalar(program.Name) },
            { "description", Scalar(program.Description) },
        };

        if (program.Config.Count > 0)
        {
            var config = new YamlMappingNode();
            foreach (var entry in program.Config)
            {
                var schema = new YamlMappingNode { { "type", Scalar(entry.Type) } };
                if (entry.Secret)
                {
                    schema.Add("secret", Plain("true"));
                }

                config.Add(entry.Key, schema);
            }

            root.Add("config", config);
        }

        if (program.Variables.Count > 0)
        {
            var variables = new YamlMappingNode();
            foreach (var variable in program.Variables)
            {
                variables.Add(variable.Name, Node(variable.Value));
            }

            root.Add("variables", variables);
        }

        var resources = new YamlMappingNode();
        foreach (var resource in program.Resources)
        {
            var node = new YamlMappingNode { { "type", Scalar(resource.Type) } };
            if (resource.Properties.Entries.Count > 0)
            {
                node.Add("properties", Node(resource.Properties));
            }

            var options = new YamlMappingNode();
            if (resource.Options.Provider is { } provider)
            {
                options.Add("provider", Node(provider));
            }

            options.Add("version", Scalar(resource.Options.Version));
            node.Add("options", options);
            resources.Add(resource.Name, node);
        }

        root.Add("resources", resources);
        root.Add("outputs", Node(program.Outputs));

        var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer, new EmitterSettings(2, int.MaxValue, false, 1024));
        new YamlStream(new YamlDocument(root)).Save(emitter, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlNode Node(PulumiValue value) => value switch
    {
        PulumiString s => Scalar(s.Value.Replace("${", "$${", StringComparison.Ordinal)),
        PulumiNumber n => Plain(n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        PulumiBoolean b => Plain(b.Value ? "true" : "false"),
        PulumiReference r => Scalar(r.Expression),
        PulumiInterpolation i => Scalar(string.Concat(i.Parts.Select(Interpolated))),
        PulumiList l => new YamlSequenceNode(l.Items.Select(Node)),
        PulumiMap m => Mapping(m),
        PulumiBuiltin f => new YamlMappingNode { { f.Function, Node(f.Argument) } },
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "not a Pulumi YAML value"),
    };

    private static string Interpolated(PulumiValue part) => part switch
    {
        PulumiString s => s.Value.Replace("${", "$${", StringComparison.Ordinal),
        PulumiReference r => r.Expression,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part.GetType().Name, "an interpolation holds only strings and references"),
    };

    private static YamlMappingNode Mapping(PulumiMap map)
    {
        var node = new YamlMappingNode();
        foreach (var (key, value) in map.Entries)
        {
            node.Add(Scalar(key), Node(value));
        }

        return node;
    }

    private static YamlScalarNode Plain(string text) => new(text) { Style = ScalarStyle.Plain };

    /// <summary>
    /// A string scalar. Text that a YAML reader would take for a number, boolean or null is quoted, so
    /// "-1" or "50" stay strings; multi-line text becomes a literal block so user-data stays readable.
    /// </summary>
    private static YamlScalarNode Scalar(string text)
    {
        if (text.Contains('\n'))
        {
            return new YamlScalarNode(text) { Style = ScalarStyle.Literal };
        }

        return new YamlScalarNode(text) { Style = LooksTyped().IsMatch(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any };
    }

    [GeneratedRegex(@"^(|~|null|true|false|yes|no|on|off|y|n|[-+]?(\.?[0-9][0-9a-fA-FxXoO_.:eE+-]*|\.inf|\.nan))$", RegexOptions.IgnoreCase)]
    private static partial Regex LooksTyped();
}

using System.Text.Json;
using Ferry.TestSupport;

namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>The vendored provider schema data (stacks/pulumi/schema/provider-inputs.json), indexed for checking programs.</summary>
public sealed class ProviderSchema
{
    public static readonly Lazy<ProviderSchema> Shared = new(() => Load(RepoPaths.ProviderInputs));

    private readonly JsonElement _root;
    private readonly Dictionary<string, (string Package, JsonElement Resource)> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Package, JsonElement Function)> _functions = new(StringComparer.OrdinalIgnoreCase);

    private ProviderSchema(JsonElement root)
    {
        _root = root;
        foreach (var package in Packages)
        {
            foreach (var resource in root.GetProperty(package).GetProperty("resources").EnumerateObject())
            {
                _resources[resource.Value.GetProperty("token").GetString()!] = (package, resource.Value);
                _resources[resource.Value.GetProperty("fullToken").GetString()!] = (package, resource.Value);
            }

            foreach (var function in root.GetProperty(package).GetProperty("functions").EnumerateObject())
            {
                _functions[function.Value.GetProperty("token").GetString()!] = (package, function.Value);
            }
        }
    }

    public static IReadOnlyList<string> Packages { get; } = ["aws", "gcp", "azure-native"];

    public static ProviderSchema Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    /// <summary>The plugin version the data was read from (from _meta.sources).</summary>
    public string Version(string package) =>
        _root.GetProperty("_meta").GetProperty("sources").GetProperty(package).GetProperty("version").GetString()!;

    public bool TryResource(string token, out string package, out IReadOnlyList<JsonElement> inputs, out IReadOnlySet<string> outputs)
    {
        if (token.StartsWith("pulumi:providers:", StringComparison.Ordinal))
        {
            package = token["pulumi:providers:".Length..];
            outputs = new HashSet<string>();
            if (!Packages.Contains(package))
            {
                inputs = [];
                return false;
            }

            inputs = _root.GetProperty(package).GetProperty("provider").GetProperty("inputs").EnumerateArray().ToList();
            return true;
        }

        if (_resources.TryGetValue(token, out var found))
        {
            package = found.Package;
            inputs = found.Resource.GetProperty("inputs").EnumerateArray().ToList();
            outputs = found.Resource.GetProperty("allOutputNames").EnumerateArray().Select(e => e.GetString()!).Concat(["id", "urn"]).ToHashSet();
            return true;
        }

        package = "";
        inputs = [];
        outputs = new HashSet<string>();
        return false;
    }

    public bool TryFunction(string token, out string package, out IReadOnlyList<JsonElement> arguments, out IReadOnlySet<string> results)
    {
        if (_functions.TryGetValue(token, out var found))
        {
            package = found.Package;
            arguments = found.Function.GetProperty("arguments").EnumerateArray().ToList();
            results = found.Function.GetProperty("resultFields").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToHashSet();
            return true;
        }

        package = "";
        arguments = [];
        results = new HashSet<string>();
        return false;
    }

    public IReadOnlyList<JsonElement>? InputType(string package, string reference) =>
        _root.GetProperty(package).GetProperty("types").GetProperty("input").TryGetProperty(reference, out var type)
            ? type.GetProperty("properties").EnumerateArray().ToList()
            : null;

    public IReadOnlyList<string>? EnumValues(string package, string name) =>
        _root.GetProperty(package).GetProperty("enums").TryGetProperty(name, out var values)
            ? values.EnumerateArray().Select(v => v.GetString()!).ToList()
            : null;
}

using System.Text.RegularExpressions;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// The first-boot templates under <c>templates/cloud-init/</c>. They use Handlebars' plain
/// <c>{{name}}</c> syntax only, filled here by exact substitution of a few validated values, so the
/// project's Handlebars renderer can take them over unchanged.
/// </summary>
public sealed partial class CloudInitTemplates(string userData, string gceStartup)
{
    public const string UserDataFile = "user-data.yaml";
    public const string GceStartupFile = "gce-startup.sh";

    public static CloudInitTemplates Load(string templatesDir)
    {
        var dir = Path.Combine(templatesDir, "cloud-init");
        return new CloudInitTemplates(Read(dir, UserDataFile), Read(dir, GceStartupFile));
    }

    /// <summary>The cloud-config user-data of one host.</summary>
    public string UserData(PlacedHost host, string adminUser) => Fill(UserDataFile, userData, new Dictionary<string, string>
    {
        ["hostName"] = host.Name,
        ["role"] = host.RoleName,
        ["site"] = host.Site.Name,
        ["adminUser"] = adminUser,
    });

    /// <summary>The GCE startup script that brings cloud-init to Debian images, which ship without it.</summary>
    public string GceStartup() => Fill(GceStartupFile, gceStartup, new Dictionary<string, string>());

    /// <summary>Fills <c>{{name}}</c> placeholders; any other Handlebars construct or an unknown name is an error.</summary>
    public static string Fill(string templateName, string text, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            if (!SafeValue().IsMatch(value))
            {
                throw new ArgumentException($"{templateName}: value '{value}' for {{{{{name}}}}} is not a plain name (letters, digits, '-', '_')", nameof(values));
            }
        }

        return Placeholder().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            return values.TryGetValue(name, out var value)
                ? value
                : throw new InvalidOperationException($"{templateName}: '{m.Value}' is not a placeholder this renderer fills (known: {string.Join(", ", values.Keys)})");
        });
    }

    private static string Read(string dir, string file)
    {
        var path = Path.Combine(dir, file);
        return File.Exists(path)
            ? File.ReadAllText(path).ReplaceLineEndings("\n")
            : throw new FileNotFoundException($"cloud-init template {path} is missing; the templates/ folder must sit beside the binary or be passed explicitly", path);
    }

    [GeneratedRegex(@"\{\{\s*([^}]*?)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SafeValue();
}

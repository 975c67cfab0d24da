using System.Text.RegularExpressions;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Policy;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// The first-boot templates under <c>templates/cloud-init/</c>, rendered by the project's Scriban
/// <see cref="TemplateRenderer"/>. Values must still be plain names: user-data is YAML that embeds a shell
/// script, and a plain name is the same text in a YAML scalar, a host name and a shell word.
/// </summary>
public sealed partial class CloudInitTemplates(TemplateRenderer renderer)
{
    public const string UserDataFile = "cloud-init/user-data.yaml";
    public const string GceStartupFile = "cloud-init/gce-startup.sh";

    public static CloudInitTemplates Load(string templatesDir) => new(new TemplateRenderer(templatesDir));

    /// <summary>The cloud-config user-data of one host.</summary>
    public string UserData(PlacedHost host, string adminUser)
    {
        var inputs = new UserDataInputs(host.Name, host.RoleName, host.Site.Name, adminUser);
        foreach (var (name, value) in new[] { ("host_name", inputs.HostName), ("role", inputs.Role), ("site", inputs.Site), ("admin_user", inputs.AdminUser) })
        {
            if (!SafeValue().IsMatch(value))
            {
                throw new ArgumentException($"{UserDataFile}: value '{value}' for {{{{ {name} }}}} is not a plain name (letters, digits, '-', '_')", nameof(host));
            }
        }

        return renderer.Render(inputs);
    }

    /// <summary>The GCE startup script that brings cloud-init to Debian images, which ship without it.</summary>
    public string GceStartup() => renderer.Render(new GceStartupInputs());

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex SafeValue();
}

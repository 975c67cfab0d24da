using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Pulumi;

/// <summary>What a cloud renderer needs to render one site.</summary>
/// <param name="Stack">The whole stack (admin settings, names).</param>
/// <param name="Site">The site to render.</param>
/// <param name="Hosts">The hosts placed in the site: its gateway and workloads, and the front or client when placed here.</param>
/// <param name="Rules">The inbound rules of the site (see <see cref="AccessPolicy"/>).</param>
/// <param name="Templates">First-boot templates.</param>
public sealed record SiteRenderContext(
    StackDefinition Stack,
    SiteDefinition Site,
    IReadOnlyList<PlacedHost> Hosts,
    IReadOnlyList<AccessRule> Rules,
    CloudInitTemplates Templates)
{
    /// <summary>A logical name of the site: the site's name, camelCased, with <paramref name="suffix"/>.</summary>
    public string Name(string suffix) => PulumiNames.Of(Site.Name, suffix);

    public static string HostName(PlacedHost host, string suffix) => PulumiNames.Of(host.Name, suffix);

    public IReadOnlyList<AccessRule> RulesFor(HostRole role) => Rules.Where(r => r.AppliesTo(role)).ToList();

    public PulumiMap Tags(string name, string? role = null) => PulumiValue.Map(
        ("Name", name),
        ("ferry-stack", Stack.Name),
        ("ferry-site", Site.Name),
        ("ferry-role", role is null ? null : PulumiValue.Str(role)));
}

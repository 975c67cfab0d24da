using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Model;

/// <summary>A typed stack file: two or more sites, a front, a client and how they are joined.</summary>
public sealed record StackDefinition(
    string Name,
    StackKind Kind,
    IReadOnlyList<SiteDefinition> Sites,
    EdgeHostDefinition Front,
    EdgeHostDefinition Client,
    LinkDefinition Link,
    NetworkDefinition Network,
    AdminDefinition Admin,
    VpnDefinition Vpn,
    string? SourcePath = null)
{
    /// <summary>Every host in a fixed order: sites' hosts in file order, then the front, then the client.</summary>
    public IEnumerable<(HostDefinition Host, SiteDefinition? Site)> AllHosts()
    {
        foreach (var site in Sites)
        {
            foreach (var host in site.Hosts)
            {
                yield return (host, site);
            }
        }

        yield return (new HostDefinition(Front.Name, HostRole.Front), FrontSite);
        yield return (new HostDefinition(Client.Name, HostRole.Client), Sites.FirstOrDefault(s => s.Name == Client.Site));
    }

    /// <summary>The site the front lives in: the stack file's <c>front.site</c>, the first site by default.</summary>
    public SiteDefinition FrontSite => Front.Site is { } name ? Site(name) : Sites[0];

    public SiteDefinition Site(string name) =>
        Sites.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"no site named '{name}' in stack '{Name}'", nameof(name));
}

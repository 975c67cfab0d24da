namespace Ferry.Stacks.Pulumi;

/// <summary>Collects a site's resources, each bound to the site's explicit provider and the pinned plugin version.</summary>
public sealed class SiteResourceList(PulumiReference provider, string version)
{
    private readonly List<PulumiResource> _resources = [];

    public IReadOnlyList<PulumiResource> Resources => _resources;

    public PulumiResource Add(string name, string type, PulumiMap properties)
    {
        var resource = new PulumiResource(name, type, properties, new PulumiResourceOptions(provider, version));
        _resources.Add(resource);
        return resource;
    }
}

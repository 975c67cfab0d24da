using System.Text.RegularExpressions;
using Ferry.Stacks.Files;
using Ferry.Stacks.Model;
using static Ferry.Stacks.Pulumi.PulumiValue;
using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Renders a <c>kind: pulumi</c> stack into one Pulumi YAML program: one explicit provider per site, the
/// sites' networks and hosts, and outputs that <see cref="PulumiOutputs"/> turns into the inventory.
/// </summary>
public static partial class PulumiStack
{
    /// <summary>The project name: stack config keys are <c>ferry:sshPublicKey</c> and <c>ferry:vpnPsk</c>.</summary>
    public const string ProjectName = "ferry";
    public const string SshPublicKeyConfig = "sshPublicKey";
    public const string VpnPskConfig = "vpnPsk";

    /// <summary>
    /// Private addresses start here: every cloud reserves a few of the first addresses of a subnet
    /// (AWS and Azure the first four, GCP the first two).
    /// </summary>
    public const int FirstHostAddress = 10;

    private static readonly IReadOnlyList<ICloudRenderer> Renderers = [new AwsRenderer(), new GcpRenderer(), new AzureRenderer()];

    /// <summary>Renders every <c>kind: pulumi</c> stack file in <paramref name="stacksDir"/>, in file name order.</summary>
    public static IReadOnlyList<RenderedProgram> RenderAll(string stacksDir, string templatesDir)
    {
        var templates = CloudInitTemplates.Load(templatesDir);
        return Directory.GetFiles(stacksDir, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(StackFile.Load)
            .Where(s => s.Kind == StackKind.Pulumi)
            .Select(s => new RenderedProgram(s, Render(s, templates).ToYaml()))
            .ToList();
    }

    public static PulumiProgram Render(StackDefinition stack, CloudInitTemplates templates)
    {
        if (stack.Kind != StackKind.Pulumi)
        {
            throw new PulumiRenderException(stack, $"stack is kind: {stack.Kind.ToString().ToLowerInvariant()}; only kind: pulumi stacks are rendered to Pulumi programs");
        }

        if (!UserPattern().IsMatch(stack.Admin.User))
        {
            throw new PulumiRenderException(stack, $"admin.user '{stack.Admin.User}' is not a login name (lowercase letters, digits, '-', '_')");
        }

        var renderers = stack.Sites.ToDictionary(s => s.Name, s => Renderers.Single(r => r.Cloud == s.Cloud));
        var variables = new List<PulumiVariable>();
        var resources = new List<PulumiResource>();
        var endpoints = new List<HostEndpoints>();
        foreach (var site in stack.Sites)
        {
            var hosts = Place(stack, site);
            var peers = stack.Sites.Where(s => s != site).Select(s => renderers[s.Name].GatewayPublicIp(s)).ToList();
            var rules = AccessPolicy.For(stack, site, peers, hosts.Any(h => h.Role == HostRole.Front));
            var part = renderers[site.Name].Render(new SiteRenderContext(stack, site, hosts, rules, templates));
            variables.AddRange(part.Variables);
            resources.AddRange(part.Resources);
            endpoints.AddRange(part.Hosts);
        }

        var duplicate = variables.Select(v => v.Name).Concat(resources.Select(r => r.Name)).Concat([SshPublicKeyConfig, VpnPskConfig])
            .GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new PulumiRenderException(stack, $"two parts of the program are both named '{duplicate.Key}'; rename a site or host so their names differ");
        }

        var ordered = stack.AllHosts().Select(h => endpoints.Single(e => e.Host.Name == h.Host.Name));
        return new PulumiProgram(
            ProjectName,
            $"Ferry stack {stack.Name}: {string.Join(" and ", stack.Sites.Select(s => $"{s.Name} ({s.Cloud} {s.Region})"))}. Rendered from stacks/{stack.Name}.yaml; do not edit. " +
                $"Stack config: {SshPublicKeyConfig} (the admin's OpenSSH public key) and {VpnPskConfig} (the gateways' IPsec pre-shared key, set with --secret).",
            [
                new(SshPublicKeyConfig, "string", Secret: false),
                new(VpnPskConfig, "string", Secret: true),
            ],
            variables,
            resources,
            Map(
                ("stack", stack.Name),
                ("sshUser", stack.Admin.User),
                ("hosts", new PulumiMap(ordered.Select(e => new KeyValuePair<string, PulumiValue>(e.Host.Name, Map(
                    ("role", e.Host.RoleName),
                    ("site", e.Host.Site.Name),
                    ("cloud", e.Host.Site.Cloud),
                    ("publicIp", e.PublicIp),
                    ("privateIp", e.PrivateIp)))).ToList())),
                ("vpnPsk", Ref(VpnPskConfig))));
    }

    /// <summary>The site's own hosts, then the front and the client when they are placed in it; addresses in that order.</summary>
    public static List<PlacedHost> Place(StackDefinition stack, SiteDefinition site)
    {
        var hosts = stack.AllHosts().Where(h => h.Site == site).Select(h => h.Host).ToList();
        var placed = new List<PlacedHost>();
        foreach (var host in hosts)
        {
            try
            {
                placed.Add(new PlacedHost(host, site, site.Subnet.Host(FirstHostAddress + placed.Count)));
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new PulumiRenderException(stack, $"site {site.Name}: subnet {site.Subnet} is too small for {hosts.Count} hosts starting at address .{FirstHostAddress}; use a /27 or larger");
            }
        }

        return placed;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();
}

using System.Text.RegularExpressions;
using Ferry.Stacks.Files;
using Ferry.Stacks.Model;
using Ferry.Stacks.Policy;
using static Ferry.Stacks.Pulumi.PulumiValue;
using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Renders a <c>kind: pulumi</c> stack into one Pulumi YAML program: one explicit provider per site, the
/// sites' networks and hosts, and outputs that <see cref="PulumiOutputs"/> turns into the inventory.
/// </summary>
public static partial class PulumiStack
{
    /// <summary>
    /// The project name: the one stack config key is <c>ferry:sshPublicKey</c>. The VPN's pre-shared key is
    /// not in the program: Ferry makes it and sends it to the gateways itself.
    /// </summary>
    public const string ProjectName = "ferry";
    public const string SshPublicKeyConfig = "sshPublicKey";

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
        var policy = StackNetworkPolicy.For(stack);
        var variables = new List<PulumiVariable>();
        var resources = new List<PulumiResource>();
        var endpoints = new List<HostEndpoints>();
        foreach (var site in policy.Sites)
        {
            var context = new SiteRenderContext(stack, site, name => renderers[name].GatewayPublicIp(stack.Site(name)), templates);
            var part = renderers[site.Site.Name].Render(context);
            variables.AddRange(part.Variables);
            resources.AddRange(part.Resources);
            endpoints.AddRange(part.Hosts);
        }

        var duplicate = variables.Select(v => v.Name).Concat(resources.Select(r => r.Name)).Concat([SshPublicKeyConfig])
            .GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new PulumiRenderException(stack, $"two parts of the program are both named '{duplicate.Key}'; rename a site or host so their names differ");
        }

        var ordered = stack.AllHosts().Select(h => endpoints.Single(e => e.Host.Name == h.Host.Name));
        var program = new PulumiProgram(
            ProjectName,
            $"Ferry stack {stack.Name}: {string.Join(" and ", stack.Sites.Select(s => $"{s.Name} ({s.Cloud} {s.Region})"))}. Rendered from stacks/{stack.Name}.yaml; do not edit. " +
                $"Stack config: {SshPublicKeyConfig} (the admin's OpenSSH public key, set by ferry up).",
            [
                new(SshPublicKeyConfig, "string", Secret: false),
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
                    ("privateIp", e.PrivateIp)))).ToList()))));
        var problems = ProviderValueRules.Check(program);
        return problems.Count == 0
            ? program
            : throw new PulumiRenderException(stack, $"the program would fail at pulumi up: {string.Join("; ", problems)}");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserPattern();
}

using System.Text.RegularExpressions;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using Ferry.Stacks.Policy;
using static Ferry.Stacks.Pulumi.PulumiValue;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// A site on GCP: a custom-mode network, one subnetwork, one firewall rule per allowed flow (GCP denies
/// other ingress by its implied rule), routes with the gateway instance as next hop, static external
/// addresses for the gateway and the front, and Debian 13 instances.
/// </summary>
public sealed partial class GcpRenderer : ICloudRenderer
{
    public const string DebianImage = "debian-cloud/debian-13";
    public const string DefaultSize = "e2-medium";

    /// <summary>GCP's default for custom routes; the subnet's own route always wins over a wider one.</summary>
    public const int RoutePriority = 1000;

    public string Cloud => "gcp";

    public PulumiValue GatewayPublicIp(SiteDefinition site) => Ref(PulumiNames.Of(site.Gateway.Name, "address"), "address");

    public SiteProgram Render(SiteRenderContext c)
    {
        var provider = new PulumiResource(c.Name("provider"), "pulumi:providers:gcp", Map(
            ("project", c.Site.Project!),
            ("region", c.Site.Region!),
            ("zone", c.Site.Zone!)), new PulumiResourceOptions(null, ProviderVersions.Gcp));
        var res = new SiteResourceList(provider.Ref(), ProviderVersions.Gcp);

        var network = res.Add(c.Name("network"), "gcp:compute:Network", Map(
            ("name", GcpName(c, c.Site.Name)),
            ("autoCreateSubnetworks", false),
            ("description", $"Ferry stack {c.Stack.Name}, site {c.Site.Name}")));
        var subnet = res.Add(c.Name("subnet"), "gcp:compute:Subnetwork", Map(
            ("name", GcpName(c, c.Site.Name)),
            ("network", network.Ref("id")),
            ("region", c.Site.Region!),
            ("ipCidrRange", c.Site.Subnet.ToString())));

        foreach (var rule in c.Policy.Rules)
        {
            var ingress = rule.Direction == TrafficDirection.Ingress;
            res.Add(c.Name($"fw-{rule.Name}"), "gcp:compute:Firewall", Map(
                ("name", GcpName(c, $"{c.Site.Name}-{rule.Name}")),
                ("network", network.Ref("id")),
                ("description", rule.Description),
                ("direction", ingress ? "INGRESS" : "EGRESS"),
                ("allows", List(Map(
                    ("protocol", rule.Protocol.ToString().ToLowerInvariant()),
                    ("ports", rule.Ports.Count == 0 ? null : Strings(rule.Ports.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))))))),
                (ingress ? "sourceRanges" : "destinationRanges", c.Addresses(rule.Peers)),
                ("targetTags", rule.Target is { } role ? Strings([Tag(role)]) : null)));
        }

        var startup = c.Templates.GceStartup();
        var endpoints = new List<HostEndpoints>();
        var instances = new Dictionary<string, PulumiResource>();
        foreach (var host in c.Hosts)
        {
            PulumiMap access = PulumiMap.Empty;
            PulumiValue? staticAddress = null;
            if (host.HasStaticPublicAddress)
            {
                var address = res.Add(SiteRenderContext.HostName(host, "address"), "gcp:compute:Address", Map(
                    ("name", GcpName(c, host.Name)),
                    ("region", c.Site.Region!),
                    ("addressType", "EXTERNAL"),
                    ("description", $"Ferry {host.RoleName} {host.Name}")));
                staticAddress = address.Ref("address");
                access = Map(("natIp", staticAddress));
            }

            var instance = res.Add(SiteRenderContext.HostName(host, "vm"), "gcp:compute:Instance", Map(
                ("name", GcpName(c, host.Name)),
                ("machineType", host.Size(DefaultSize)),
                ("zone", c.Site.Zone!),
                ("tags", Strings([Tag(host.Role)])),
                ("canIpForward", host.ForwardsTraffic ? Bool(true) : null),
                ("bootDisk", Map(("initializeParams", Map(("image", DebianImage), ("size", 20))))),
                ("networkInterfaces", List(Map(
                    ("subnetwork", subnet.Ref("id")),
                    ("networkIp", host.PrivateIp.ToString()),
                    ("accessConfigs", List(access))))),
                ("metadata", Map(
                    ("user-data", c.Templates.UserData(host, c.Stack.Admin.User)),
                    ("startup-script", startup),
                    ("ssh-keys", Interpolate($"{c.Stack.Admin.User}:", Ref(PulumiStack.SshPublicKeyConfig))),
                    ("block-project-ssh-keys", "true"),
                    // The guest agent publishes the host keys it makes as guest attributes (hostkeys/), where the operator reads them.
                    ("enable-guest-attributes", "TRUE"),
                    ("enable-oslogin", "FALSE"))),
                ("labels", Map(("ferry-stack", c.Stack.Name), ("ferry-site", c.Site.Name), ("ferry-role", host.RoleName), ("ferry-host", host.Name)))));

            var nic = "networkInterfaces[0]";
            endpoints.Add(new HostEndpoints(host, staticAddress ?? instance.Ref($"{nic}.accessConfigs[0].natIp"), instance.Ref($"{nic}.networkIp")));
            instances[host.Name] = instance;
        }

        foreach (var route in c.Policy.Routes)
        {
            res.Add(c.Name($"route-{route.Name}"), "gcp:compute:Route", Map(
                ("name", GcpName(c, $"{c.Site.Name}-{route.Name}")),
                ("network", network.Ref("id")),
                ("description", route.Description),
                ("destRange", route.Destination.ToString()),
                ("nextHopInstance", instances[route.NextHop.Name].Ref("selfLink")),
                ("priority", RoutePriority)));
        }

        return new SiteProgram([], [provider, .. res.Resources], endpoints);
    }

    /// <summary>
    /// GCP names are lowercase and unique per project, and Pulumi's auto-names would keep the camelCase
    /// logical name, so every GCP resource gets an explicit name prefixed with the stack.
    /// </summary>
    private static string GcpName(SiteRenderContext c, string suffix)
    {
        var name = $"ferry-{c.Stack.Name}-{suffix}";
        return GcpNamePattern().IsMatch(name)
            ? name
            : throw new PulumiRenderException(c.Stack, $"site {c.Site.Name}: GCP name '{name}' is longer than 63 characters; shorten the stack, site or host name");
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex GcpNamePattern();

    private static string Tag(HostRole role) => $"ferry-{role.ToString().ToLowerInvariant()}";
}

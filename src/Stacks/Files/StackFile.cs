using System.Text.RegularExpressions;
using Ferry.Provisioning.Files;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Network;
using Ferry.Stacks.Model;

namespace Ferry.Stacks.Files;

/// <summary>Reads a stack file into a <see cref="StackDefinition"/>; every problem is a <see cref="YamlFileException"/>.</summary>
public static partial class StackFile
{
    public static readonly string[] Clouds = ["aws", "gcp", "azure"];

    public static StackDefinition Load(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new YamlFileException(path, 0, 0, "(file)", "no such stack file; pass --stack with a path such as stacks/local.yaml");
        }

        return Parse(path, System.IO.File.ReadAllText(path));
    }

    public static StackDefinition Parse(string file, string text)
    {
        var root = new YamlFields(file, "", YamlFields.Load(file, text),
            "name", "kind", "sites", "front", "client", "link", "network", "admin", "vpn");

        var name = root.RequiredString("name", "a stack name (lowercase letters, digits, '-'; at most 12 characters)");
        if (!NamePattern().IsMatch(name) || name.Length > 12)
        {
            throw root.Error("name", $"'{name}' is not a stack name: use lowercase letters, digits and '-', start with a letter, at most 12 characters");
        }

        var kind = root.Has("kind") ? root.RequiredEnum<StackKind>("kind") : StackKind.Local;
        var network = ReadNetwork(root);
        var sites = root.List("sites", required: true, "sites (each with name, cloud, subnet, hosts)")
            .Select(s => ReadSite(root.File, s.Node, s.Path, kind))
            .ToList();
        if (sites.Count < 2)
        {
            throw root.Error("sites", "a stack needs at least two sites (a source and a target cloud)");
        }

        var front = ReadEdge(root, "front", "front");
        var client = ReadEdge(root, "client", "client");
        var stack = new StackDefinition(name, kind, sites, front, client, ReadLink(root), network, ReadAdmin(root), ReadVpn(root), file);
        Validate(root, stack);
        return stack;
    }

    private static NetworkDefinition ReadNetwork(YamlFields root)
    {
        var fields = root.OptionalChild("network", "management", "internet", "apps");
        if (fields is null)
        {
            return NetworkDefinition.Default;
        }

        var d = NetworkDefinition.Default;
        return new NetworkDefinition(
            fields.Parse("management", "an IPv4 CIDR such as 10.250.0.0/24", ParseCidr, d.Management),
            fields.Parse("internet", "an IPv4 CIDR such as 10.251.0.0/24", ParseCidr, d.Internet),
            fields.Parse("apps", "an IPv4 CIDR such as 10.252.0.0/24", ParseCidr, d.Apps));
    }

    private static SiteDefinition ReadSite(string file, YamlDotNet.RepresentationModel.YamlNode node, string path, StackKind kind)
    {
        var f = new YamlFields(file, path, node, "name", "cloud", "subnet", "hosts", "region", "zone", "project", "instanceSize");
        var name = f.RequiredString("name", "a site name such as aws-east");
        if (!NamePattern().IsMatch(name))
        {
            throw f.Error("name", $"'{name}' is not a site name: use lowercase letters, digits and '-'");
        }

        var cloud = f.RequiredString("cloud", $"one of {string.Join(", ", Clouds)}");
        if (!Clouds.Contains(cloud))
        {
            throw f.Error("cloud", $"expected one of {string.Join(", ", Clouds)}, got '{cloud}'");
        }

        var subnet = f.Parse("subnet", "an IPv4 CIDR such as 10.10.1.0/24", ParseCidr);
        var hosts = f.List("hosts", required: true, "hosts (each with name and role)")
            .Select(h =>
            {
                var hf = new YamlFields(file, h.Path, h.Node, "name", "role", "size");
                var hostName = hf.RequiredString("name", "a host name");
                if (!NamePattern().IsMatch(hostName) || hostName.Length > 40)
                {
                    throw hf.Error("name", $"'{hostName}' is not a host name: use lowercase letters, digits and '-', start with a letter");
                }

                var role = hf.RequiredEnum<HostRole>("role");
                if (role is not (HostRole.Gateway or HostRole.Workload))
                {
                    throw hf.Error("role", "a site's hosts are gateway or workload; the front and the client are declared at the top level");
                }

                return new HostDefinition(hostName, role, hf.OptionalString("size", "an instance size"));
            })
            .ToList();
        if (hosts.Count(h => h.Role == HostRole.Gateway) != 1)
        {
            throw f.Error("hosts", "a site needs exactly one host with role: gateway");
        }

        if (!hosts.Any(h => h.Role == HostRole.Workload))
        {
            throw f.Error("hosts", "a site needs at least one host with role: workload");
        }

        var region = f.OptionalString("region", "a region such as us-east-1");
        if (kind == StackKind.Pulumi && region is null)
        {
            throw f.Error(f.Node, f.Join("region"), "missing; a site deployed by Pulumi needs its region (aws: us-east-1, gcp: europe-west1, azure: westeurope)");
        }

        var project = f.OptionalString("project", "a GCP project id");
        if (kind == StackKind.Pulumi && cloud == "gcp" && project is null)
        {
            throw f.Error(f.Node, f.Join("project"), "missing; a gcp site needs the GCP project id");
        }

        var zone = f.OptionalString("zone", "a zone such as europe-west1-b");
        if (kind == StackKind.Pulumi && cloud == "gcp" && zone is null)
        {
            throw f.Error(f.Node, f.Join("zone"), "missing; a gcp site needs the zone its instances run in, such as europe-west1-b");
        }

        return new SiteDefinition(name, cloud, subnet, hosts, region, zone,
            project, f.OptionalString("instanceSize", "an instance size such as t3.medium"));
    }

    private static EdgeHostDefinition ReadEdge(YamlFields root, string key, string fallbackName)
    {
        var f = key == "front" ? root.OptionalChild(key, "name", "site", "ports") : root.OptionalChild(key, "name", "site");
        if (f is null)
        {
            return new EdgeHostDefinition(fallbackName);
        }

        var name = f.OptionalString("name", "a host name") ?? fallbackName;
        if (!NamePattern().IsMatch(name))
        {
            throw f.Error("name", $"'{name}' is not a host name: use lowercase letters, digits and '-'");
        }

        IReadOnlyList<int>? ports = null;
        if (f.Has("ports"))
        {
            ports = f.List("ports", required: true, "TCP ports such as [80, 6379]").Select(item =>
                item.Node is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } text } && int.TryParse(text, out var port) && port is >= 1 and <= 65535 && port != 22
                    ? port
                    : throw f.Error(item.Node, item.Path, "expected a TCP port from 1 to 65535 other than 22 (SSH is opened to admin.sshCidr only)")).Distinct().ToList();
            if (ports.Count == 0)
            {
                throw f.Error("ports", "an empty list would open nothing; leave ports out for HTTP (80) or list the applications' front ports");
            }
        }

        return new EdgeHostDefinition(name, f.OptionalString("site", "the name of a site"), ports);
    }

    private static LinkDefinition ReadLink(YamlFields root)
    {
        var f = root.OptionalChild("link", "bandwidth");
        if (f is null)
        {
            return LinkDefinition.Default;
        }

        var text = f.OptionalString("bandwidth", "a rate such as 100mbit or 1gbit, or unshaped");
        if (text is null)
        {
            return LinkDefinition.Default;
        }

        var m = RatePattern().Match(text.ToLowerInvariant());
        if (text.Equals("unshaped", StringComparison.OrdinalIgnoreCase))
        {
            return new LinkDefinition(null);
        }

        if (!m.Success || int.Parse(m.Groups[1].Value) is <= 0 or > 100_000)
        {
            throw f.Error("bandwidth", $"expected a rate such as 100mbit or 1gbit, or unshaped, got '{text}'");
        }

        var value = int.Parse(m.Groups[1].Value);
        return new LinkDefinition(m.Groups[2].Value == "gbit" ? value * 1000 : value);
    }

    private static AdminDefinition ReadAdmin(YamlFields root)
    {
        var f = root.OptionalChild("admin", "sshCidr", "user");
        if (f is null)
        {
            return AdminDefinition.Default;
        }

        var cidr = f.OptionalString("sshCidr", "the CIDR operators SSH from, such as 198.51.100.7/32") ?? AdminDefinition.Default.SshCidr;
        if (cidr != "0.0.0.0/0" && !AdminCidrPattern().IsMatch(cidr))
        {
            throw f.Error("sshCidr", $"expected an IPv4 CIDR such as 198.51.100.7/32, got '{cidr}'");
        }

        return new AdminDefinition(cidr, f.OptionalString("user", "a login user") ?? AdminDefinition.Default.User);
    }

    private static VpnDefinition ReadVpn(YamlFields root)
    {
        var f = root.OptionalChild("vpn", "enabled", "espProposals");
        if (f is null)
        {
            return VpnDefinition.Default;
        }

        var enabled = f.OptionalBool("enabled") ?? VpnDefinition.Default.Enabled;
        var proposals = f.OptionalString("espProposals", "StrongSwan ESP proposals such as aes256gcm16") ?? VpnDefinition.Default.EspProposals;
        if (!ProposalsPattern().IsMatch(proposals))
        {
            throw f.Error("espProposals", $"expected StrongSwan ESP proposals such as aes256gcm16 or aes256-sha256-modp2048 (comma-separated), got '{proposals}'");
        }

        if (proposals.Split(',').Any(p => p.StartsWith("null", StringComparison.Ordinal) || p.Contains("-null", StringComparison.Ordinal)))
        {
            throw f.Error("espProposals", $"'{proposals}' includes the null cipher; the tunnel exists to encrypt");
        }

        return new VpnDefinition(enabled, proposals);
    }

    private static void Validate(YamlFields root, StackDefinition stack)
    {
        var names = new HashSet<string>();
        foreach (var (host, _) in stack.AllHosts())
        {
            if (!names.Add(host.Name))
            {
                throw root.Error("sites", $"host name '{host.Name}' is used twice; every host in a stack needs its own name");
            }
        }

        var siteNames = new HashSet<string>();
        foreach (var site in stack.Sites)
        {
            if (!siteNames.Add(site.Name))
            {
                throw root.Error("sites", $"site name '{site.Name}' is used twice");
            }
        }

        foreach (var (edge, key) in new[] { (stack.Front, "front"), (stack.Client, "client") })
        {
            if (edge.Site is not null && !siteNames.Contains(edge.Site))
            {
                throw root.Error(key, $"site '{edge.Site}' is not one of the stack's sites ({string.Join(", ", siteNames)})");
            }

            if (stack.Kind == StackKind.Pulumi && edge.Site is null)
            {
                throw root.Error(key, "a stack deployed by Pulumi must say which site the host is placed in (site: NAME)");
            }
        }

        var ranges = new List<(string Field, Cidr Cidr)>
        {
            ("network.management", stack.Network.Management),
            ("network.internet", stack.Network.Internet),
            ("network.apps", stack.Network.Apps),
        };
        ranges.AddRange(stack.Sites.Select((s, i) => ($"sites[{i}].subnet", s.Subnet)));
        for (var i = 0; i < ranges.Count; i++)
        {
            for (var j = i + 1; j < ranges.Count; j++)
            {
                if (ranges[i].Cidr.Overlaps(ranges[j].Cidr))
                {
                    throw root.Error("network", $"{ranges[j].Field} ({ranges[j].Cidr}) overlaps {ranges[i].Field} ({ranges[i].Cidr}); give each a range of its own");
                }
            }
        }
    }

    private static Cidr? ParseCidr(string text) => Cidr.TryParse(text, out var c) ? c : null;

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(\d+)(mbit|gbit)$")]
    private static partial Regex RatePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*$")]
    private static partial Regex ProposalsPattern();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}/\d{1,2}$")]
    private static partial Regex AdminCidrPattern();
}

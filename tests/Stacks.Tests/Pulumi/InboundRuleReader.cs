using Ferry.Provisioning.Network;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Tests.Pulumi;

/// <summary>Reads every allowed inbound flow of a rendered program, per cloud, from the YAML text alone.</summary>
public static class InboundRuleReader
{
    public static IReadOnlyList<InboundRule> Read(string yaml, out IReadOnlyList<RenderedHost> hosts)
    {
        var resources = (YamlMappingNode)PulumiProgramChecker.Parse(yaml)["resources"];
        var all = resources.Children.ToDictionary(e => S(e.Key), e => (YamlMappingNode)e.Value);
        hosts = all.Select(e => Host(e.Key, e.Value)).OfType<RenderedHost>().ToList();
        var rules = new List<InboundRule>();
        foreach (var (name, resource) in all)
        {
            switch (S(resource["type"]))
            {
                case "aws:ec2:SecurityGroup":
                    rules.AddRange(Aws(name, resource, all, hosts));
                    break;
                case "gcp:compute:Firewall":
                    rules.AddRange(Gcp(name, resource, all, hosts));
                    break;
                case "azure-native:network:NetworkSecurityGroup":
                    rules.AddRange(Azure(name, resource, all, hosts));
                    break;
            }
        }

        return rules;
    }

    private static RenderedHost? Host(string name, YamlMappingNode resource)
    {
        var p = Props(resource);
        return S(resource["type"]) switch
        {
            "aws:ec2:Instance" => new RenderedHost(name, Label(p, "tags", "Name"), Label(p, "tags", "ferry-role"), Label(p, "tags", "ferry-site")),
            "gcp:compute:Instance" => new RenderedHost(name, Label(p, "labels", "ferry-host"), Label(p, "labels", "ferry-role"), Label(p, "labels", "ferry-site")),
            "azure-native:compute:VirtualMachine" => new RenderedHost(name, S(p["vmName"]), Label(p, "tags", "ferry-role"), Label(p, "tags", "ferry-site")),
            _ => null,
        };
    }

    private static IEnumerable<InboundRule> Aws(string name, YamlMappingNode sg, Dictionary<string, YamlMappingNode> all, IReadOnlyList<RenderedHost> hosts)
    {
        var targets = OfType(hosts, all, "aws:ec2:Instance").Where(h => Seq(Props(all[h.Resource]), "vpcSecurityGroupIds").Contains($"${{{name}.id}}")).ToList();
        foreach (var rule in (Props(sg).Children.TryGetValue(new YamlScalarNode("ingress"), out var ingress) ? (YamlSequenceNode)ingress : []).Cast<YamlMappingNode>())
        {
            var protocol = S(rule["protocol"]) switch { "-1" => "all", "50" => "esp", var p => p };
            var from = int.Parse(S(rule["fromPort"]));
            var to = int.Parse(S(rule["toPort"]));
            IReadOnlyList<int> ports = protocol is "all" or "esp" ? [] : Enumerable.Range(from, to - from + 1).ToList();
            var other = rule.Children.Keys.Select(S).Where(k => k is "securityGroups" or "self" or "ipv6CidrBlocks" or "prefixListIds").Select(k => $"other:{k}");
            yield return new InboundRule(name, protocol, ports, Seq(rule, "cidrBlocks").Concat(other).ToList(), targets);
        }
    }

    private static IEnumerable<InboundRule> Gcp(string name, YamlMappingNode firewall, Dictionary<string, YamlMappingNode> all, IReadOnlyList<RenderedHost> hosts)
    {
        var p = Props(firewall);
        if (Node(p, "direction") is { } direction && S(direction) != "INGRESS")
        {
            yield break;
        }

        var network = S(p["network"]);
        var tags = Seq(p, "targetTags");
        var targets = OfType(hosts, all, "gcp:compute:Instance").Where(h =>
        {
            var vm = Props(all[h.Resource]);
            var subnetRef = S(((YamlMappingNode)((YamlSequenceNode)vm["networkInterfaces"]).Children[0])["subnetwork"]);
            var subnet = all[subnetRef[2..subnetRef.IndexOf('.')]];
            return S(Props(subnet)["network"]) == network && (tags.Count == 0 || Seq(vm, "tags").Intersect(tags).Any());
        }).ToList();
        var sources = Seq(p, "sourceRanges").Concat(Seq(p, "sourceTags").Select(t => $"other:tag:{t}")).ToList();
        foreach (var allow in ((YamlSequenceNode)p["allows"]).Cast<YamlMappingNode>())
        {
            var ports = Seq(allow, "ports").Select(int.Parse).ToList();
            yield return new InboundRule(name, S(allow["protocol"]), ports, sources, targets);
        }
    }

    private static IEnumerable<InboundRule> Azure(string name, YamlMappingNode nsg, Dictionary<string, YamlMappingNode> all, IReadOnlyList<RenderedHost> hosts)
    {
        var nics = all.Where(e => S(e.Value["type"]) == "azure-native:network:NetworkInterface"
                && Node(Props(e.Value), "networkSecurityGroup") is YamlMappingNode g && S(g["id"]) == $"${{{name}.id}}")
            .Select(e => $"${{{e.Key}.id}}")
            .ToHashSet();
        var targets = OfType(hosts, all, "azure-native:compute:VirtualMachine").Where(h => ((YamlSequenceNode)((YamlMappingNode)Props(all[h.Resource])["networkProfile"])["networkInterfaces"])
            .Cast<YamlMappingNode>().Any(n => nics.Contains(S(n["id"])))).ToList();
        var rules = ((YamlSequenceNode)Props(nsg)["securityRules"]).Cast<YamlMappingNode>().ToList();
        var denyAll = rules.SingleOrDefault(r => S(r["access"]) == "Deny" && S(r["direction"]) == "Inbound"
            && S(r["protocol"]) == "*" && S(r["sourceAddressPrefix"]) == "*" && S(r["destinationPortRange"]) == "*");
        var denyPriority = denyAll is null ? int.MaxValue : int.Parse(S(denyAll["priority"]));
        if (denyAll is null)
        {
            // Without an explicit deny, Azure's default AllowVnetInBound and AllowAzureLoadBalancerInBound apply.
            yield return new InboundRule(name, "all", [], ["other:VirtualNetwork", "other:AzureLoadBalancer"], targets);
        }

        foreach (var rule in rules.Where(r => S(r["direction"]) == "Inbound" && S(r["access"]) == "Allow"))
        {
            if (int.Parse(S(rule["priority"])) > denyPriority)
            {
                continue;
            }

            var protocol = S(rule["protocol"]) switch { "*" => "all", var x => x.ToLowerInvariant() };
            var portText = Node(rule, "destinationPortRange") is { } single ? [S(single)] : Seq(rule, "destinationPortRanges");
            IReadOnlyList<int> ports = portText.Contains("*") ? [] : portText.Select(int.Parse).ToList();
            var sources = (Node(rule, "sourceAddressPrefix") is { } one ? [S(one)] : Seq(rule, "sourceAddressPrefixes"))
                .Select(s => s == "*" ? "0.0.0.0/0" : s).ToList();
            yield return new InboundRule(name, protocol, ports, sources, targets);
        }
    }

    private static IEnumerable<RenderedHost> OfType(IReadOnlyList<RenderedHost> hosts, Dictionary<string, YamlMappingNode> all, string type) =>
        hosts.Where(h => S(all[h.Resource]["type"]) == type);

    private static YamlMappingNode Props(YamlMappingNode resource) =>
        resource.Children.TryGetValue(new YamlScalarNode("properties"), out var p) ? (YamlMappingNode)p : new YamlMappingNode();

    private static YamlNode? Node(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string Label(YamlMappingNode props, string map, string key) => S(((YamlMappingNode)props[map])[key]);

    private static List<string> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode s ? s.Children.Select(S).ToList() : [];

    private static string S(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";
}

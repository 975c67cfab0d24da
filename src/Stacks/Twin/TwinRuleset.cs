using System.Net;
using System.Text.RegularExpressions;
using Ferry.Provisioning.Network;

namespace Ferry.Stacks.Twin;

/// <summary>
/// The nftables ruleset of one VPC router: 1:1 NAT between each host's public and private address, and a
/// forward chain whose policy is drop (the clouds' implied deny) with one accept per rule of the site.
/// Egress from the site is open, as on every cloud by default.
/// </summary>
public static partial class TwinRuleset
{
    public const string Table = "ferry_vpc";

    public static IReadOnlyList<string> For(TwinSitePlan site)
    {
        var lines = new List<string>
        {
            $"table ip {Table}",
            $"delete table ip {Table}",
            $"table ip {Table} {{",
            "  chain prerouting {",
            "    type nat hook prerouting priority dstnat; policy accept;",
        };
        lines.AddRange(site.Hosts.Select(h => $"    iifname \"wan\" ip daddr {Ip(h.PublicIp)} dnat to {Ip(h.PrivateIp)}"));
        lines.Add("  }");
        lines.Add("  chain postrouting {");
        lines.Add("    type nat hook postrouting priority srcnat; policy accept;");
        lines.AddRange(site.Hosts.Select(h => $"    oifname \"wan\" ip saddr {Ip(h.PrivateIp)} snat to {Ip(h.PublicIp)}"));
        lines.Add("  }");
        lines.Add("  chain forward {");
        lines.Add("    type filter hook forward priority filter; policy drop;");
        lines.Add("    ct state established,related accept");
        // The route table sends traffic back into the site (to the gateway): the hosts' own firewalls see it there.
        lines.Add("    iifname \"lan\" oifname \"lan\" accept");
        foreach (var rule in site.EgressRules)
        {
            if (rule.Sources.Count > 0)
            {
                lines.Add($"    iifname \"lan\" oifname \"wan\" ip daddr {Set(rule.Sources.Select(Range))}{Match(rule)} accept comment \"{Name(rule.Name)}\"");
            }
        }

        foreach (var rule in site.Rules)
        {
            if (rule.Destinations.Count == 0 || rule.Sources.Count == 0)
            {
                continue;
            }

            lines.Add($"    iifname \"wan\" ip saddr {Set(rule.Sources.Select(Range))} ip daddr {Set(rule.Destinations.Select(Ip))}{Match(rule)} accept comment \"{Name(rule.Name)}\"");
        }

        lines.Add("  }");
        lines.Add("  chain input {");
        lines.Add("    type filter hook input priority filter; policy drop;");
        lines.Add("    iif \"lo\" accept");
        lines.Add("    ct state established,related accept");
        lines.Add("    iifname \"lan\" meta l4proto icmp accept");
        lines.Add("  }");
        lines.Add("}");
        return lines;
    }

    private static string Match(TwinRule rule) => rule.Protocol switch
    {
        "all" => "",
        "esp" => " meta l4proto esp",
        "tcp" or "udp" when rule.Ports.Count == 0 => $" meta l4proto {rule.Protocol}",
        "tcp" or "udp" => $" {rule.Protocol} dport {Set(rule.Ports.Select(p => p is > 0 and < 65536 ? p.ToString() : throw new ArgumentException($"rule {rule.Name}: port {p}")))}",
        _ => throw new ArgumentException($"rule {rule.Name}: protocol '{rule.Protocol}' is not tcp, udp, esp or all"),
    };

    private static string Set(IEnumerable<string> items) => $"{{ {string.Join(", ", items)} }}";

    private static string Ip(string text) =>
        IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? ip.ToString() : throw new ArgumentException($"'{text}' is not an IPv4 address");

    private static string Range(string text) =>
        text == "0.0.0.0/0" ? text : text.EndsWith("/32", StringComparison.Ordinal) ? Ip(text[..^3]) : Cidr.TryParse(text, out var c) ? c.ToString() : Ip(text);

    private static string Name(string name) => NamePattern().IsMatch(name) ? name : throw new ArgumentException($"rule name '{name}' is not kebab-case");

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex NamePattern();
}

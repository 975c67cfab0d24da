using static Ferry.Stacks.Pulumi.ValueConstraint;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// The providers' own rules for values, which their schemas do not carry and which fail only at
/// <c>pulumi up</c>: character sets and lengths of descriptions, name patterns and lengths per resource
/// type, priority ranges, user-data sizes. <see cref="PulumiStack"/> checks every program it renders
/// against them, so a stack that would fail in the cloud fails at render time instead.
/// </summary>
public static class ProviderValueRules
{
    /// <summary>AWS EC2: security group names, descriptions and rule descriptions (VPC).</summary>
    private static readonly Charset AwsDescriptionCharset = new(@"a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*", "a-z A-Z 0-9 space and ._-:/()#,@[]+=&;{}!$*");

    /// <summary>GCP resource names and network tags (RFC 1035 labels).</summary>
    private static readonly Matches GcpName = new("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$",
        "a GCP name: 1-63 characters, lowercase letters, digits and '-', starting with a letter, not ending with '-'");

    /// <summary>Azure security rule and route names.</summary>
    private static readonly Matches AzureRuleName = new("^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$",
        "an Azure rule name: 1-80 letters, digits, '.', '-', '_', starting with a letter or digit, ending with one or '_'");

    /// <summary>Azure Linux VM and computer names.</summary>
    private static readonly Matches AzureLinuxName = new("^[a-zA-Z0-9]([a-zA-Z0-9.-]{0,62}[a-zA-Z0-9])?$",
        "an Azure Linux VM name: 1-64 letters, digits, '.' and '-', not starting or ending with '.' or '-'");

    private const string AwsSg = "EC2 API CreateSecurityGroup / IpRange.Description: up to 255 characters of a-zA-Z0-9, spaces and ._-:/()#,@[]+=&;{}!$*";
    private const string AwsTags = "AWS tagging rules: keys up to 128 characters, not starting with aws:, values up to 256";
    private const string GcpNames = "GCP resource names: RFC 1035, [a-z]([-a-z0-9]{0,61}[a-z0-9])?";
    private const string AzureNaming = "Azure naming rules for Microsoft.Network and Microsoft.Compute resources";
    private const string AzureNsg = "Azure NSG security rules: priority 100-4096 (unique per direction), description up to 140 characters";

    /// <summary>Words Azure refuses as a Linux admin user name (OSProfile.adminUsername).</summary>
    public static IReadOnlyList<string> AzureReservedUsers { get; } =
    [
        "administrator", "admin", "user", "user1", "test", "user2", "test1", "user3", "admin1", "1", "123", "a", "actuser", "adm", "admin2",
        "aspnet", "backup", "console", "david", "guest", "john", "owner", "root", "server", "sql", "support", "support_388945a0", "sys",
        "test2", "test3", "user4", "user5",
    ];

    public static IReadOnlyList<ProviderValueRule> Rules { get; } =
    [
        new("aws:ec2:SecurityGroup", "description", new MaxLength(255), AwsSg),
        new("aws:ec2:SecurityGroup", "description", AwsDescriptionCharset, AwsSg),
        new("aws:ec2:SecurityGroup", "ingress[].description", new MaxLength(255), AwsSg),
        new("aws:ec2:SecurityGroup", "ingress[].description", AwsDescriptionCharset, AwsSg),
        new("aws:ec2:SecurityGroup", "egress[].description", new MaxLength(255), AwsSg),
        new("aws:ec2:SecurityGroup", "egress[].description", AwsDescriptionCharset, AwsSg),
        new("aws:ec2:SecurityGroup", "ingress[].fromPort", new Between(0, 65535), AwsSg),
        new("aws:ec2:SecurityGroup", "ingress[].toPort", new Between(0, 65535), AwsSg),
        new("aws:ec2:*", "tags.#key", new MaxLength(128), AwsTags),
        new("aws:ec2:*", "tags.#key", new Matches("^(?!aws:).*$", "a key outside the reserved aws: prefix"), AwsTags),
        new("aws:ec2:*", "tags.*", new MaxLength(256), AwsTags),
        new("aws:ec2:Instance", "userData", new MaxBytes(16384), "EC2 user data: at most 16 KB, raw, before base64"),

        new("gcp:compute:Network", "name", GcpName, GcpNames),
        new("gcp:compute:Subnetwork", "name", GcpName, GcpNames),
        new("gcp:compute:Firewall", "name", GcpName, GcpNames),
        new("gcp:compute:Route", "name", GcpName, GcpNames),
        new("gcp:compute:Address", "name", GcpName, GcpNames),
        new("gcp:compute:Instance", "name", GcpName, GcpNames),
        new("gcp:compute:Instance", "tags[]", GcpName, "GCP network tags: RFC 1035, at most 63 characters"),
        new("gcp:compute:Firewall", "targetTags[]", GcpName, "GCP network tags: RFC 1035, at most 63 characters"),
        new("gcp:compute:Firewall", "priority", new Between(0, 65535), "GCP firewall rules: priority 0-65535"),
        new("gcp:compute:Route", "priority", new Between(0, 65535), "GCP routes: priority 0-65535"),
        new("gcp:compute:Instance", "labels.#key", new Matches("^[a-z][a-z0-9_-]{0,62}$", "a GCP label key: lowercase letter, then up to 62 lowercase letters, digits, '_' or '-'"), "GCP labels"),
        new("gcp:compute:Instance", "labels.*", new Matches("^[a-z0-9_-]{0,63}$", "a GCP label value: up to 63 lowercase letters, digits, '_' or '-'"), "GCP labels"),
        new("gcp:compute:Instance", "metadata.#key", new Matches("^[a-zA-Z0-9_-]{1,128}$", "a GCE metadata key: 1-128 letters, digits, '_' or '-'"), "GCE metadata limits"),
        new("gcp:compute:Instance", "metadata.*", new MaxBytes(256 * 1024), "GCE metadata limits: a value at most 256 KB"),

        new("azure-native:network:NetworkSecurityGroup", "securityRules[].priority", new Between(100, 4096), AzureNsg),
        new("azure-native:network:NetworkSecurityGroup", "securityRules[].description", new MaxLength(140), AzureNsg),
        new("azure-native:network:NetworkSecurityGroup", "securityRules[].name", AzureRuleName, AzureNaming),
        new("azure-native:network:RouteTable", "routes[].name", AzureRuleName, AzureNaming),
        new("azure-native:compute:VirtualMachine", "vmName", AzureLinuxName, AzureNaming),
        new("azure-native:compute:VirtualMachine", "osProfile.computerName", AzureLinuxName, AzureNaming),
        new("azure-native:compute:VirtualMachine", "osProfile.adminUsername", new MaxLength(64), "Azure Linux admin user: at most 64 characters"),
        new("azure-native:compute:VirtualMachine", "osProfile.adminUsername", new NoneOf(AzureReservedUsers), "Azure Linux admin user: reserved names are refused"),
        new("azure-native:compute:VirtualMachine", "osProfile.customData", new MaxBytes(65535), "Azure customData: at most 65535 bytes before base64"),
        new("azure-native:*", "tags.#key", new MaxLength(512), "Azure tags: names up to 512 characters"),
        new("azure-native:*", "tags.*", new MaxLength(256), "Azure tags: values up to 256 characters"),
    ];

    public static IReadOnlyList<AutoNameRule> AutoNames { get; } =
    [
        new("aws:ec2:SecurityGroup", "name", 255, null, AwsSg),
        new("aws:ec2:KeyPair", "keyName", 255, null, "EC2 key pair names: up to 255 characters"),
        new("gcp:compute:Network", "name", 63, GcpName, GcpNames),
        new("gcp:compute:Subnetwork", "name", 63, GcpName, GcpNames),
        new("gcp:compute:Firewall", "name", 63, GcpName, GcpNames),
        new("gcp:compute:Route", "name", 63, GcpName, GcpNames),
        new("gcp:compute:Address", "name", 63, GcpName, GcpNames),
        new("gcp:compute:Instance", "name", 63, GcpName, GcpNames),
        new("azure-native:resources:ResourceGroup", "resourceGroupName", 90, null, AzureNaming),
        new("azure-native:network:VirtualNetwork", "virtualNetworkName", 64, null, AzureNaming),
        new("azure-native:network:Subnet", "subnetName", 80, null, AzureNaming),
        new("azure-native:network:RouteTable", "routeTableName", 80, null, AzureNaming),
        new("azure-native:network:NetworkSecurityGroup", "networkSecurityGroupName", 80, null, AzureNaming),
        new("azure-native:network:PublicIPAddress", "publicIpAddressName", 80, null, AzureNaming),
        new("azure-native:network:NetworkInterface", "networkInterfaceName", 80, null, AzureNaming),
        new("azure-native:compute:VirtualMachine", "vmName", 64, AzureLinuxName, AzureNaming),
    ];

    /// <summary>Every value of <paramref name="program"/> that breaks a rule, as "resource.path: problem (source)".</summary>
    public static IReadOnlyList<string> Check(PulumiProgram program)
    {
        var problems = new List<string>();
        foreach (var resource in program.Resources)
        {
            var leaves = new List<(string Path, object Value)>();
            Collect(resource.Properties, "", leaves);
            foreach (var rule in Rules.Where(r => r.AppliesTo(resource.Type)))
            {
                foreach (var (path, value) in leaves.Where(l => PathMatches(rule.Path, l.Path)))
                {
                    if (rule.Constraint.Violation(value) is { } violation)
                    {
                        problems.Add($"{resource.Name}.{path}: {violation} ({rule.Source})");
                    }
                }
            }

            foreach (var rule in AutoNames.Where(r => r.ResourceType == resource.Type))
            {
                if (resource.Properties.Entries.Any(e => e.Key == rule.NameProperty))
                {
                    continue;
                }

                var example = AutoNameRule.Example(resource.Name);
                if (resource.Name.Length + AutoNameRule.SuffixLength > rule.MaxLength)
                {
                    problems.Add($"{resource.Name}: Pulumi would name it '{example}', {example.Length} characters, more than {rule.MaxLength}; set {rule.NameProperty} or shorten the name ({rule.Source})");
                }
                else if (rule.Pattern?.Violation(example) is { } violation)
                {
                    problems.Add($"{resource.Name}: Pulumi would name it from the logical name, and {violation}; set {rule.NameProperty} ({rule.Source})");
                }
            }

            if (resource.Type == "azure-native:network:NetworkSecurityGroup")
            {
                var clashes = leaves.Where(l => l.Path.StartsWith("securityRules[", StringComparison.Ordinal) && l.Path.EndsWith("].priority", StringComparison.Ordinal))
                    .Select(l => (Index: l.Path["securityRules[".Length..l.Path.IndexOf(']')], Priority: (long)l.Value))
                    .Join(leaves.Where(l => l.Path.EndsWith("].direction", StringComparison.Ordinal)).Select(l => (Index: l.Path["securityRules[".Length..l.Path.IndexOf(']')], Direction: (string)l.Value)),
                        p => p.Index, d => d.Index, (p, d) => (d.Direction, p.Priority))
                    .GroupBy(x => x).Where(g => g.Count() > 1);
                problems.AddRange(clashes.Select(g => $"{resource.Name}.securityRules: {g.Count()} {g.Key.Direction} rules share priority {g.Key.Priority} ({AzureNsg})"));
            }
        }

        return problems;
    }

    /// <summary>
    /// Every literal string and number under <paramref name="value"/>, with its path; list items carry their
    /// index (<c>[3]</c>) so that rules written with <c>[]</c> can name the item that breaks them.
    /// </summary>
    private static void Collect(PulumiValue value, string path, List<(string, object)> leaves)
    {
        switch (value)
        {
            case PulumiString s:
                leaves.Add((path, s.Value));
                break;
            case PulumiNumber n:
                leaves.Add((path, n.Value));
                break;
            case PulumiBuiltin { Function: "fn::toBase64" } b:
                Collect(b.Argument, path, leaves);
                break;
            case PulumiList list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    Collect(list.Items[i], $"{path}[{i}]", leaves);
                }

                break;
            case PulumiMap map:
                foreach (var (key, item) in map.Entries)
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    leaves.Add((path.Length == 0 ? $"#key:{key}" : $"{path}.#key:{key}", key));
                    Collect(item, child, leaves);
                }

                break;
        }
    }

    private static bool PathMatches(string rule, string path)
    {
        var normalized = System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "[]");
        var ruleParts = rule.Split('.');
        var pathParts = normalized.Split('.');
        if (ruleParts.Length != pathParts.Length)
        {
            return false;
        }

        for (var i = 0; i < ruleParts.Length; i++)
        {
            var match = ruleParts[i] switch
            {
                "*" => !pathParts[i].StartsWith("#key:", StringComparison.Ordinal) && !pathParts[i].EndsWith("[]", StringComparison.Ordinal),
                "#key" => pathParts[i].StartsWith("#key:", StringComparison.Ordinal),
                var exact => exact == pathParts[i],
            };
            if (!match)
            {
                return false;
            }
        }

        return true;
    }
}

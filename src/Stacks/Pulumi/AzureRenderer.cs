using Ferry.Stacks.Model;
using static Ferry.Stacks.Pulumi.PulumiValue;
using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// A site on Azure (azure-native): a resource group, a virtual network with one subnet, a network
/// security group per role, a static Standard public IP and a NIC per host (IP forwarding on gateways),
/// and Debian 13 VMs.
/// </summary>
public sealed class AzureRenderer : ICloudRenderer
{
    public const string DebianPublisher = "Debian";
    public const string DebianOffer = "debian-13";
    public const string DebianSku = "13-gen2";
    public const string DefaultSize = "Standard_B2s";

    /// <summary>
    /// Azure's default rules let the whole virtual network and the load balancer in (priority 65000+);
    /// this rule, after Ferry's own, keeps "nothing else inbound" true on Azure too.
    /// </summary>
    public const int DenyAllPriority = 4096;

    public string Cloud => "azure";

    public PulumiValue GatewayPublicIp(SiteDefinition site) => Ref(PulumiNames.Of(site.Gateway.Name, "pip"), "ipAddress");

    public SiteProgram Render(SiteRenderContext c)
    {
        var provider = new PulumiResource(c.Name("provider"), "pulumi:providers:azure-native",
            Map(("location", c.Site.Region!)), new PulumiResourceOptions(null, ProviderVersions.AzureNative));
        var res = new SiteResourceList(provider.Ref(), ProviderVersions.AzureNative);
        var location = c.Site.Region!;
        var tags = Map(("ferry-stack", c.Stack.Name), ("ferry-site", c.Site.Name));

        var rg = res.Add(c.Name("rg"), "azure-native:resources:ResourceGroup", Map(("location", location), ("tags", tags)));
        var group = rg.Ref("name");
        var vnet = res.Add(c.Name("vnet"), "azure-native:network:VirtualNetwork", Map(
            ("resourceGroupName", group),
            ("location", location),
            ("addressSpace", Map(("addressPrefixes", Strings([c.Site.Subnet.ToString()])))),
            ("tags", tags)));
        var subnet = res.Add(c.Name("subnet"), "azure-native:network:Subnet", Map(
            ("resourceGroupName", group),
            ("virtualNetworkName", vnet.Ref("name")),
            ("addressPrefix", c.Site.Subnet.ToString())));

        var nsgs = new Dictionary<HostRole, PulumiResource>();
        foreach (var role in c.Hosts.Select(h => NsgRole(h.Role)).Distinct())
        {
            var name = role == HostRole.Workload ? "hosts" : role.ToString().ToLowerInvariant();
            var rules = c.RulesFor(role).Select((r, i) => SecurityRule(r, 100 + (10 * i))).ToList();
            rules.Add(Map(
                ("name", "deny-all-inbound"),
                ("description", "Nothing else inbound, not even from the rest of the virtual network"),
                ("priority", DenyAllPriority),
                ("direction", "Inbound"),
                ("access", "Deny"),
                ("protocol", "*"),
                ("sourceAddressPrefix", "*"),
                ("sourcePortRange", "*"),
                ("destinationAddressPrefix", "*"),
                ("destinationPortRange", "*")));
            nsgs[role] = res.Add(c.Name($"{name}-nsg"), "azure-native:network:NetworkSecurityGroup", Map(
                ("resourceGroupName", group),
                ("location", location),
                ("securityRules", new PulumiList(rules)),
                ("tags", tags)));
        }

        var endpoints = new List<HostEndpoints>();
        foreach (var host in c.Hosts)
        {
            var zones = c.Site.Zone is null ? null : Strings([c.Site.Zone]);
            var pip = res.Add(SiteRenderContext.HostName(host, "pip"), "azure-native:network:PublicIPAddress", Map(
                ("resourceGroupName", group),
                ("location", location),
                ("sku", Map(("name", "Standard"))),
                ("publicIPAllocationMethod", "Static"),
                ("zones", zones),
                ("tags", tags)));
            var nic = res.Add(SiteRenderContext.HostName(host, "nic"), "azure-native:network:NetworkInterface", Map(
                ("resourceGroupName", group),
                ("location", location),
                ("enableIPForwarding", host.Role == HostRole.Gateway ? Bool(true) : null),
                ("networkSecurityGroup", Map(("id", nsgs[NsgRole(host.Role)].Ref("id")))),
                ("ipConfigurations", List(Map(
                    ("name", "primary"),
                    ("primary", true),
                    ("subnet", Map(("id", subnet.Ref("id")))),
                    ("privateIPAllocationMethod", "Static"),
                    ("privateIPAddress", host.PrivateIp.ToString()),
                    ("publicIPAddress", Map(("id", pip.Ref("id"))))))),
                ("tags", tags)));
            var user = c.Stack.Admin.User;
            res.Add(SiteRenderContext.HostName(host, "vm"), "azure-native:compute:VirtualMachine", Map(
                ("resourceGroupName", group),
                ("location", location),
                ("vmName", host.Name),
                ("zones", zones),
                ("hardwareProfile", Map(("vmSize", host.Size(DefaultSize)))),
                ("networkProfile", Map(("networkInterfaces", List(Map(("id", nic.Ref("id")), ("primary", true), ("deleteOption", "Delete")))))),
                ("osProfile", Map(
                    ("computerName", host.Name),
                    ("adminUsername", user),
                    // Azure hands customData (not userData) to cloud-init as its user-data.
                    ("customData", ToBase64(c.Templates.UserData(host, user))),
                    ("linuxConfiguration", Map(
                        ("disablePasswordAuthentication", true),
                        ("ssh", Map(("publicKeys", List(Map(
                            ("path", $"/home/{user}/.ssh/authorized_keys"),
                            ("keyData", Ref(PulumiStack.SshPublicKeyConfig))))))))))),
                ("storageProfile", Map(
                    ("imageReference", Map(("publisher", DebianPublisher), ("offer", DebianOffer), ("sku", DebianSku), ("version", "latest"))),
                    ("osDisk", Map(
                        ("createOption", "FromImage"),
                        ("deleteOption", "Delete"),
                        ("diskSizeGB", 30),
                        ("managedDisk", Map(("storageAccountType", "StandardSSD_LRS"))))))),
                ("tags", Map(("ferry-stack", c.Stack.Name), ("ferry-site", c.Site.Name), ("ferry-role", host.RoleName)))));

            endpoints.Add(new HostEndpoints(host, pip.Ref("ipAddress"), nic.Ref("ipConfigurations[0].privateIPAddress")));
        }

        return new SiteProgram([], [provider, .. res.Resources], endpoints);
    }

    /// <summary>A NIC has one NSG: gateways and the front get their own, every other host shares the plain one.</summary>
    private static HostRole NsgRole(HostRole role) => role is HostRole.Gateway or HostRole.Front ? role : HostRole.Workload;

    private static PulumiValue SecurityRule(AccessRule rule, int priority)
    {
        var sources = rule.Sources.Select(s => s is PulumiString { Value: AccessPolicy.Anywhere } ? Str("*") : s).ToList();
        var ports = rule.Ports.Select(p => Str(p.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return Map(
            ("name", rule.Name),
            ("description", rule.Description),
            ("priority", priority),
            ("direction", "Inbound"),
            ("access", "Allow"),
            ("protocol", rule.Protocol == IpProtocol.All ? "*" : rule.Protocol.ToString()),
            ("sourceAddressPrefix", sources.Count == 1 ? sources[0] : null),
            ("sourceAddressPrefixes", sources.Count == 1 ? null : new PulumiList(sources)),
            ("sourcePortRange", "*"),
            ("destinationAddressPrefix", "*"),
            ("destinationPortRange", ports.Count switch { 0 => Str("*"), 1 => ports[0], _ => null }),
            ("destinationPortRanges", ports.Count > 1 ? new PulumiList(ports) : null));
    }
}

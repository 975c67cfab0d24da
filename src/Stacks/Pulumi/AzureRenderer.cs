using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Model;
using Ferry.Stacks.Policy;
using static Ferry.Stacks.Pulumi.PulumiValue;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// A site on Azure (azure-native): a resource group, a virtual network with one subnet whose route table
/// sends the policy's routes to the gateway (a VirtualAppliance next hop), a network security group per
/// role, a static Standard public IP and a NIC per host (IP forwarding where the host forwards), and
/// Debian 13 VMs with boot diagnostics (their serial log shows the SSH host keys).
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

    /// <summary>Ferry's own rules take priorities from here in steps, below <see cref="DenyAllPriority"/>.</summary>
    public const int FirstPriority = 100;
    public const int PriorityStep = 10;

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
        var routeTable = res.Add(c.Name("routes"), "azure-native:network:RouteTable", Map(
            ("resourceGroupName", group),
            ("location", location),
            ("disableBgpRoutePropagation", true),
            ("routes", new PulumiList(c.Policy.Routes.Select(r => (PulumiValue)Map(
                ("name", r.Name),
                ("addressPrefix", r.Destination.ToString()),
                ("nextHopType", "VirtualAppliance"),
                ("nextHopIpAddress", r.NextHop.PrivateIp.ToString()))).ToList())),
            ("tags", tags)));
        var subnet = res.Add(c.Name("subnet"), "azure-native:network:Subnet", Map(
            ("resourceGroupName", group),
            ("virtualNetworkName", vnet.Ref("name")),
            ("addressPrefix", c.Site.Subnet.ToString()),
            ("routeTable", Map(("id", routeTable.Ref("id"))))));

        var nsgs = new Dictionary<HostRole, PulumiResource>();
        foreach (var role in c.Hosts.Select(h => NsgRole(h.Role)).Distinct())
        {
            var name = role == HostRole.Workload ? "hosts" : role.ToString().ToLowerInvariant();
            var rules = c.RulesFor(role, TrafficDirection.Ingress).Concat(c.RulesFor(role, TrafficDirection.Egress))
                .Select((r, i) => SecurityRule(c, r, FirstPriority + (PriorityStep * i))).ToList();
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
                ("enableIPForwarding", host.ForwardsTraffic ? Bool(true) : null),
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
                // Boot diagnostics on managed storage: the serial log, where cloud-init prints the host keys' fingerprints.
                ("diagnosticsProfile", Map(("bootDiagnostics", Map(("enabled", true))))),
                ("tags", Map(("ferry-stack", c.Stack.Name), ("ferry-site", c.Site.Name), ("ferry-role", host.RoleName)))));

            endpoints.Add(new HostEndpoints(host, pip.Ref("ipAddress"), nic.Ref("ipConfigurations[0].privateIPAddress")));
        }

        return new SiteProgram([], [provider, .. res.Resources], endpoints);
    }

    /// <summary>A NIC has one NSG: gateways and the front get their own, every other host shares the plain one.</summary>
    private static HostRole NsgRole(HostRole role) => role is HostRole.Gateway or HostRole.Front ? role : HostRole.Workload;

    private static PulumiValue SecurityRule(SiteRenderContext c, NetworkRule rule, int priority)
    {
        var peers = rule.Peers.Select(a => a is RuleAddress.Range { Addresses.IsAnywhere: true } ? Str("*") : c.Address(a)).ToList();
        var ports = rule.Ports.Select(p => Str(p.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var inbound = rule.Direction == TrafficDirection.Ingress;
        var (peerPrefix, peerPrefixes, hostPrefix) = inbound
            ? ("sourceAddressPrefix", "sourceAddressPrefixes", "destinationAddressPrefix")
            : ("destinationAddressPrefix", "destinationAddressPrefixes", "sourceAddressPrefix");
        return Map(
            ("name", rule.Name),
            ("description", rule.Description),
            ("priority", priority),
            ("direction", inbound ? "Inbound" : "Outbound"),
            ("access", "Allow"),
            ("protocol", rule.Protocol == IpProtocol.All ? "*" : rule.Protocol.ToString()),
            (peerPrefix, peers.Count == 1 ? peers[0] : null),
            (peerPrefixes, peers.Count == 1 ? null : new PulumiList(peers)),
            ("sourcePortRange", "*"),
            (hostPrefix, "*"),
            ("destinationPortRange", ports.Count switch { 0 => Str("*"), 1 => ports[0], _ => null }),
            ("destinationPortRanges", ports.Count > 1 ? new PulumiList(ports) : null));
    }
}

using Ferry.Provisioning.Files;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Files;
using Ferry.Stacks.Model;
using Ferry.TestSupport;

namespace Ferry.Stacks.Tests.Files;

public class StackFileTests
{
    private const string Valid = """
        name: demo
        sites:
          - name: a
            cloud: aws
            subnet: 10.10.1.0/24
            hosts:
              - { name: a-gw, role: gateway }
              - { name: a-w1, role: workload }
          - name: b
            cloud: gcp
            subnet: 10.10.2.0/24
            hosts:
              - { name: b-gw, role: gateway }
              - { name: b-w1, role: workload }
        """;

    [Fact]
    public void Load_DefaultStack_HasTwoSitesFrontClientAndShapedLink()
    {
        var stack = StackFile.Load(Path.Combine(RepoPaths.Stacks, "local.yaml"));

        Assert.Equal("local", stack.Name);
        Assert.Equal(StackKind.Local, stack.Kind);
        Assert.Equal(["aws", "gcp"], stack.Sites.Select(s => s.Cloud));
        Assert.NotEmpty(stack.Sites);
        Assert.All(stack.Sites, s => Assert.Single(s.Hosts, h => h.Role == HostRole.Gateway));
        Assert.Equal(100, stack.Link.BandwidthMbit);
        Assert.Equal(6, stack.AllHosts().Count());
    }

    [Fact]
    public void Parse_MinimalStack_FillsDefaults()
    {
        var stack = StackFile.Parse("demo.yaml", Valid);

        Assert.Equal("front", stack.Front.Name);
        Assert.Equal("client", stack.Client.Name);
        Assert.Equal(NetworkDefinition.Default, stack.Network);
        Assert.Equal(LinkDefinition.Default, stack.Link);
    }

    [Fact]
    public void Parse_Unshaped_HasNoBandwidth()
    {
        var stack = StackFile.Parse("demo.yaml", Valid + "\nlink: { bandwidth: unshaped }\n");

        Assert.False(stack.Link.Shaped);
    }

    [Fact]
    public void Parse_Gbit_ConvertsToMbit()
    {
        Assert.Equal(1000, StackFile.Parse("demo.yaml", Valid + "\nlink: { bandwidth: 1gbit }\n").Link.BandwidthMbit);
    }

    [Theory]
    [InlineData("subnet: 10.10.2.0/24", "subnet: 10.10.2.0/33", "demo.yaml:11:13: sites[1].subnet: expected an IPv4 CIDR such as 10.10.1.0/24, got '10.10.2.0/33'")]
    [InlineData("cloud: gcp", "cloud: gpc", "demo.yaml:10:12: sites[1].cloud: expected one of aws, gcp, azure, got 'gpc'")]
    [InlineData("role: workload }\n  - name: b", "role: worker }\n  - name: b", "demo.yaml:8:29: sites[0].hosts[1].role: expected one of gateway, workload, front, client, got 'worker'")]
    [InlineData("      - { name: b-w1, role: workload }", "      - { name: b-w1, role: workload, colour: red }", "demo.yaml:14:39: sites[1].hosts[1].colour: unknown field; expected one of: name, role, size")]
    [InlineData("name: demo", "name: Demo", "demo.yaml:1:7: name: 'Demo' is not a stack name: use lowercase letters, digits and '-', start with a letter, at most 12 characters")]
    public void Parse_BrokenField_NamesFileLineAndField(string find, string replace, string expected)
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Parse("demo.yaml", Valid.Replace(find, replace)));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Parse_FrontPorts_AreReadAndDefaultToHttp()
    {
        Assert.Equal([80], StackFile.Parse("demo.yaml", Valid).Front.PublishedPorts);
        Assert.Equal([80, 6379], StackFile.Parse("demo.yaml", Valid + "\nfront: { name: front, ports: [80, 6379] }\n").Front.PublishedPorts);
    }

    [Theory]
    [InlineData("[22]", "demo.yaml:15:31: front.ports[0]: expected a TCP port from 1 to 65535 other than 22")]
    [InlineData("[]", "demo.yaml:15:30: front.ports: an empty list would open nothing")]
    public void Parse_FrontPortsThatOpenTooMuchOrNothing_Refused(string ports, string expected)
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Parse("demo.yaml", Valid + $"\nfront: {{ name: front, ports: {ports} }}\n"));

        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void Parse_SiteWithoutGateway_SaysWhatIsMissing()
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Parse("demo.yaml", Valid.Replace("{ name: a-gw, role: gateway }", "{ name: a-gw, role: workload }")));

        Assert.Equal("sites[0].hosts", error.Field);
        Assert.Contains("exactly one host with role: gateway", error.Message);
    }

    [Fact]
    public void Parse_OverlappingSubnets_NamesBothFields()
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Parse("demo.yaml", Valid.Replace("10.10.2.0/24", "10.10.1.0/24")));

        Assert.Contains("sites[1].subnet (10.10.1.0/24) overlaps sites[0].subnet", error.Message);
    }

    [Fact]
    public void Parse_DuplicateHostName_IsRefused()
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Parse("demo.yaml", Valid.Replace("b-w1", "a-w1")));

        Assert.Contains("host name 'a-w1' is used twice", error.Message);
    }

    [Fact]
    public void Parse_BrokenYaml_GivesLineOfSyntaxError()
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Parse("demo.yaml", "name: demo\nsites: [\n  - a: b\n"));

        Assert.StartsWith("demo.yaml:", error.Message);
        Assert.Equal("(syntax)", error.Field);
    }

    [Fact]
    public void Parse_NoVpnSection_EnablesTheVpnWithAesGcm()
    {
        Assert.Equal(new VpnDefinition(true, "aes256gcm16"), StackFile.Parse("demo.yaml", Valid).Vpn);
    }

    [Fact]
    public void Parse_VpnSection_ReadsEnabledAndProposals()
    {
        var stack = StackFile.Parse("demo.yaml", Valid + "\nvpn: { enabled: false, espProposals: 'aes128gcm16,aes256-sha256-modp2048' }\n");

        Assert.Equal(new VpnDefinition(false, "aes128gcm16,aes256-sha256-modp2048"), stack.Vpn);
    }

    [Theory]
    [InlineData("vpn: { enabled: yes please }", "demo.yaml:15:17: vpn.enabled: expected true or false, got 'yes please'")]
    [InlineData("vpn: { espProposals: 'aes256gcm16; rm' }", "demo.yaml:15:22: vpn.espProposals: expected StrongSwan ESP proposals such as aes256gcm16 or aes256-sha256-modp2048 (comma-separated), got 'aes256gcm16; rm'")]
    [InlineData("vpn: { espProposals: null-sha256 }", "demo.yaml:15:22: vpn.espProposals: 'null-sha256' includes the null cipher; the tunnel exists to encrypt")]
    [InlineData("vpn: { psk: secret }", "demo.yaml:15:8: vpn.psk: unknown field; expected one of: enabled, espProposals")]
    public void Parse_BrokenVpn_NamesFileLineAndField(string vpn, string expected)
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Parse("demo.yaml", Valid + "\n" + vpn + "\n"));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysHowToPassOne()
    {
        var error = Assert.Throws<YamlFileException>(() => StackFile.Load("/nonexistent/stack.yaml"));

        Assert.Contains("--stack", error.Message);
    }
}

using Ferry.Provisioning.Templates;
using Ferry.Stacks.Model;
using Ferry.Stacks.Policy;
using Ferry.Stacks.Pulumi;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Tests.Pulumi;

public class CloudInitTemplatesTests
{
    private static PlacedHost Gateway()
    {
        var site = TestStacks.Load("aws-gcp").Site("aws");
        return new PlacedHost(site.Gateway, site, site.Subnet.Host(10));
    }

    [Fact]
    public void UserData_Gateway_IsCloudConfigWithEveryPlaceholderFilled()
    {
        var text = TestStacks.Templates.UserData(Gateway(), "ferry");
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        Assert.StartsWith("#cloud-config\n", text);
        Assert.DoesNotContain("{{", text);
        Assert.Equal("aws-gw", ((YamlScalarNode)root["hostname"]).Value);
        Assert.Equal("ferry", ((YamlScalarNode)((YamlMappingNode)root["user"])["name"]).Value);
        Assert.Equal("false", ((YamlScalarNode)root["ssh_pwauth"]).Value);
        Assert.Contains("\n      role=gateway\n", text);
    }

    [Fact]
    public void UserData_Template_InstallsMigrationPackagesChecksCriuAndClosesPasswords()
    {
        var text = TestStacks.Templates.UserData(Gateway(), "ferry");

        foreach (var package in new[] { "criu", "runc", "rsync", "haproxy", "strongswan-swanctl", "charon-systemd", "iptables", "nftables" })
        {
            Assert.Matches($@"packages=""[^""]*\b{package}\b[^""]*""", text);
        }

        Assert.Contains("apt-get install -y --no-install-recommends $missing", text);

        Assert.Contains("criu check", text);
        Assert.Contains("[ \"$major\" -ge 4 ] || fail", text);
        Assert.Contains("PasswordAuthentication no", text);
        Assert.Contains("KbdInteractiveAuthentication no", text);
    }

    [Fact]
    public void GceStartup_Template_InstallsCloudInitOnce()
    {
        var text = TestStacks.Templates.GceStartup();

        Assert.StartsWith("#!/bin/sh\n", text);
        Assert.Contains("[ -e \"$marker\" ] && exit 0", text);
        Assert.Contains("cloud-init modules --mode=final", text);
    }

    [Fact]
    public void UserData_TemplateWithUnknownValue_ThrowsNamingIt()
    {
        var dir = Directory.CreateTempSubdirectory("ferry-cloud-init-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "cloud-init"));
            File.WriteAllText(Path.Combine(dir, CloudInitTemplates.UserDataFile), "#cloud-config\nhostname: {{ who }}\n");

            var e = Assert.Throws<TemplateException>(() => CloudInitTemplates.Load(dir).UserData(Gateway(), "ferry"));

            Assert.Equal("template cloud-init/user-data.yaml:2: The variable or function `who` was not found", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void UserData_ValueWithShellCharacters_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => TestStacks.Templates.UserData(Gateway(), "x; rm -rf /"));

        Assert.StartsWith("cloud-init/user-data.yaml: value 'x; rm -rf /' for {{ admin_user }} is not a plain name", e.Message);
    }

    [Fact]
    public void Render_AdminUserWithShellCharacters_ThrowsNamingTheField()
    {
        var stack = TestStacks.Load("aws-gcp") with { Admin = new AdminDefinition("198.51.100.7/32", "x$(id)") };

        var e = Assert.Throws<PulumiRenderException>(() => PulumiStack.Render(stack, TestStacks.Templates));

        Assert.EndsWith("admin.user 'x$(id)' is not a login name (lowercase letters, digits, '-', '_')", e.Message);
    }
}

using System.Security.Cryptography;
using System.Text;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Pulumi;
using Ferry.TestSupport;
using Xunit;

namespace Ferry.Stacks.Tests.Pulumi;

public sealed class PulumiOutputsTests : IDisposable
{
    private const string Ed25519 = PulumiSample.HostKey;
    private const string Rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQFerryTestKeyOnlyForUnitTests";

    private static readonly (string Name, string Role, string Site, string Public, string Private)[] Hosts = PulumiSample.Hosts;

    private readonly string _dir = Directory.CreateTempSubdirectory("ferry-outputs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ToInventory_EveryHostPinned_MapsHostsInStackOrder()
    {
        var inventory = PulumiOutputs.ToInventory(TestStacks.Load("aws-gcp"), Outputs(), "/keys/id_ed25519", KnownHosts(Hosts.Select(h => $"{h.Public} {Ed25519}")));

        Assert.Equal("aws-gcp", inventory.Stack);
        Assert.Equal("pulumi", inventory.Cloud);
        Assert.Equal("10.252.0.0/24", inventory.AppSubnet);
        Assert.Equal(Hosts.Select(h => h.Name), inventory.Hosts.Select(h => h.Name));
        var gw = inventory.Host("gcp-gw");
        Assert.Equal(new InventoryHost("gcp-gw", HostRole.Gateway, "gcp", "203.0.113.20", 22, "ferry", "/keys/id_ed25519", $"203.0.113.20 {Ed25519}", "10.10.2.10", "203.0.113.20"), gw);
        Assert.Equal(inventory.ToJson(), HostInventory.FromJson(inventory.ToJson(), "round trip").ToJson());
    }

    [Fact]
    public void ToInventory_HashedEntryAndSeveralKeyTypes_PrefersEd25519()
    {
        var lines = Hosts.Skip(1).Select(h => $"{h.Public} {Ed25519}").Concat([$"{Hashed("203.0.113.10")} {Rsa}", $"{Hashed("203.0.113.10")} {Ed25519}"]);

        var inventory = PulumiOutputs.ToInventory(TestStacks.Load("aws-gcp"), Outputs(), "/k", KnownHosts(lines));

        Assert.Equal($"{Hashed("203.0.113.10")} {Ed25519}", inventory.Host("aws-gw").KnownHostsLine);
    }

    [Fact]
    public void ToInventory_HostWithoutPinnedKey_ThrowsNamingTheHost()
    {
        var path = KnownHosts(Hosts.Where(h => h.Name != "gcp-w1").Select(h => $"{h.Public} {Ed25519}"));

        var e = Assert.Throws<InventoryException>(() => PulumiOutputs.ToInventory(TestStacks.Load("aws-gcp"), Outputs(), "/k", path));

        Assert.StartsWith($"no pinned SSH host key for gcp-w1 (203.0.113.21): {path} has no line for them.", e.Message);
        Assert.Contains("never turns host key checking off", e.Message);
    }

    [Fact]
    public void ToInventory_NoKnownHostsFile_ThrowsNamingEveryHost()
    {
        var e = Assert.Throws<InventoryException>(() => PulumiOutputs.ToInventory(TestStacks.Load("aws-gcp"), Outputs(), "/k"));

        Assert.StartsWith("no pinned SSH host key for aws-gw (203.0.113.10), aws-w1 (203.0.113.11), gcp-gw (203.0.113.20), gcp-w1 (203.0.113.21), front (203.0.113.12), client (203.0.113.22): no known_hosts file was given.", e.Message);
    }

    [Fact]
    public void ToInventory_RevokedKey_Throws()
    {
        var path = KnownHosts(Hosts.Select(h => $"{h.Public} {Ed25519}").Append($"@revoked 203.0.113.11 {Ed25519}"));

        var e = Assert.Throws<InventoryException>(() => PulumiOutputs.ToInventory(TestStacks.Load("aws-gcp"), Outputs(), "/k", path));

        Assert.Equal($"{path}: the key pinned for 203.0.113.11 is marked @revoked; verify the host's new key and pin it", e.Message);
    }

    [Fact]
    public void ToInventory_OutputsOfAnotherStack_Throws()
    {
        var e = Assert.Throws<InventoryException>(() => PulumiOutputs.ToInventory(TestStacks.Load("aws-azure"), Outputs(), "/k"));

        Assert.Equal("pulumi outputs are for stack 'aws-gcp', not 'aws-azure'; run pulumi stack output for the right stack", e.Message);
    }

    [Fact]
    public void ToInventory_RoleDiffersFromStack_ThrowsNamingTheField()
    {
        var json = Outputs().Replace("\"role\": \"workload\", \"site\": \"gcp\"", "\"role\": \"gateway\", \"site\": \"gcp\"", StringComparison.Ordinal);

        var e = Assert.Throws<InventoryException>(() => PulumiOutputs.ToInventory(TestStacks.Load("aws-gcp"), json, "/k"));

        Assert.Equal("pulumi outputs: hosts.gcp-w1.role is 'gateway' but the stack says 'workload'; render the program and run pulumi up again", e.Message);
    }

    [Fact]
    public void ToInventory_AddressNotYetKnown_Throws()
    {
        var json = Outputs().Replace("203.0.113.22", "", StringComparison.Ordinal);

        var e = Assert.Throws<InventoryException>(() => PulumiOutputs.ToInventory(TestStacks.Load("aws-gcp"), json, "/k"));

        Assert.Equal("pulumi outputs: hosts.client.publicIp is missing or not a string", e.Message);
    }

    /// <summary>What `pulumi stack output --json --show-secrets` prints for the aws-gcp program.</summary>
    private static string Outputs() => PulumiSample.Outputs();

    private string KnownHosts(IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, "known_hosts");
        File.WriteAllLines(path, ["# pinned after checking the console fingerprints", .. lines]);
        return path;
    }

    private static string Hashed(string host)
    {
        var salt = Encoding.ASCII.GetBytes("ferry-test-salt-0001");
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(host)))}";
    }
}

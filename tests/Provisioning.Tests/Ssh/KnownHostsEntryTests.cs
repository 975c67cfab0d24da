using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;

namespace Ferry.Provisioning.Tests.Ssh;

public sealed class KnownHostsEntryTests : IDisposable
{
    private readonly TestKeys _keys = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void Parse_OpenSshLine_KeepsHostsTypeAndDecodedBlob()
    {
        var entry = KnownHostsEntry.Parse("10.250.0.3 ssh-ed25519 AAECAw== comment here", "a");

        Assert.Equal("10.250.0.3", entry.Hosts);
        Assert.Equal("ssh-ed25519", entry.KeyType);
        Assert.Equal([0, 1, 2, 3], entry.Key);
    }

    [Theory]
    [InlineData("10.250.0.3 ssh-ed25519")]
    [InlineData("")]
    [InlineData("@cert-authority * ssh-ed25519 AAAA")]
    public void Parse_Malformed_ThrowsNamingTheHostAndTheExpectedShape(string line)
    {
        var e = Assert.Throws<InventoryException>(() => KnownHostsEntry.Parse(line, "aws-w1"));

        Assert.Equal($"host aws-w1: knownHostsLine must read 'host keytype base64-key', got '{line}'", e.Message);
    }

    [Fact]
    public void Parse_KeyNotBase64_ThrowsNamingTheHost()
    {
        var e = Assert.Throws<InventoryException>(() => KnownHostsEntry.Parse("h ssh-ed25519 not*base64", "gcp-w1"));

        Assert.Equal("host gcp-w1: the key in knownHostsLine is not base64: 'not*base64'", e.Message);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public async Task Fingerprint_GeneratedKey_EqualsSshKeygens(string type)
    {
        var key = await _keys.MakeAsync(type, "id_" + type);
        var publicKey = (await File.ReadAllTextAsync(key + ".pub")).Trim().Split(' ');

        var entry = KnownHostsEntry.Parse($"10.0.0.1 {publicKey[0]} {publicKey[1]}", "h");

        Assert.Equal(await TestKeys.SshKeygenFingerprintAsync(key + ".pub"), entry.Fingerprint);
        Assert.StartsWith("SHA256:", entry.Fingerprint);
        Assert.DoesNotContain('=', entry.Fingerprint);
    }
}

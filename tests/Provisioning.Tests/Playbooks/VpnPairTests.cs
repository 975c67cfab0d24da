using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Provisioning.Vpn;
using Ferry.TestSupport;

namespace Ferry.Provisioning.Tests.Playbooks;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class VpnPairTests : IDisposable
{
    private static readonly HostInventory Inventory = new("t", "local", "10.252.0.0/24",
    [
        new InventoryHost("a-gw", HostRole.Gateway, "a", "10.9.0.2", 22, "root", "/k", "10.9.0.2 ssh-ed25519 AAAA", "10.10.1.1", "10.251.0.1"),
        new InventoryHost("b-gw", HostRole.Gateway, "b", "10.9.0.4", 22, "root", "/k", "10.9.0.4 ssh-ed25519 AAAA", "10.10.2.1", "10.251.0.2"),
    ]);

    private static readonly VpnSite[] Sites =
    [
        new("a", "a-gw", "10.251.0.1", "10.10.1.0/24"),
        new("b", "b-gw", "10.251.0.2", "10.10.2.0/24"),
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("ferry-vpn").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PskPath => Path.Combine(_dir, "vpn.psk");

    [Fact]
    public async Task ApplyAsync_FirstRun_MakesA0600KeyThatReachesGatewaysOnlyInTheScript()
    {
        var shell = new RecordingShell();

        await VpnPair.ApplyAsync(new RemoteContext(shell, new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath);

        var psk = await File.ReadAllTextAsync(PskPath);
        Assert.Matches("^[0-9a-f]{64}$", psk);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PskPath));
        Assert.Equal(["a-gw", "b-gw"], shell.Scripts.Keys.Order());
        Assert.NotEmpty(shell.Scripts.Values);
        Assert.All(shell.Scripts.Values, s => Assert.Contains($"secret = 0x{psk}", s));
    }

    [Fact]
    public async Task ApplyAsync_TwoSites_OnlyTheFirstSiteInitiatesAndSelectorsMirror()
    {
        var shell = new RecordingShell();

        await VpnPair.ApplyAsync(new RemoteContext(shell, new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath);

        Assert.Contains("initiate=(b)", shell.Scripts["a-gw"]);
        Assert.Contains("initiate=()", shell.Scripts["b-gw"]);
        Assert.Contains("local_ts = 10.10.1.0/24", shell.Scripts["a-gw"]);
        Assert.Contains("remote_ts = 10.10.2.0/24", shell.Scripts["a-gw"]);
        Assert.Contains("local_ts = 10.10.2.0/24", shell.Scripts["b-gw"]);
        Assert.Contains("esp_proposals = aes256gcm16", shell.Scripts["b-gw"]);
    }

    [Fact]
    public async Task ApplyAsync_RenderedGatewayScripts_MatchTheGoldenFiles()
    {
        await File.WriteAllTextAsync(PskPath, new string('0', 64));
        File.SetUnixFileMode(PskPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var shell = new RecordingShell();

        await VpnPair.ApplyAsync(new RemoteContext(shell, new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath);

        Assert.NotEmpty(shell.Scripts);
        GoldenFile.CheckAll(
            shell.Scripts.Select(p => (Path.Combine(GoldenDirectory(), $"vpn-up.{p.Key}.golden"), p.Value)),
            "templates/vpn/ or VpnPair changed: regenerate with FERRY_UPDATE_GOLDEN=1 dotnet test tests/Provisioning.Tests");
    }

    [Fact]
    public async Task ApplyAsync_SecondRun_KeepsTheKey()
    {
        await VpnPair.ApplyAsync(new RemoteContext(new RecordingShell(), new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath);
        var first = await File.ReadAllTextAsync(PskPath);

        await VpnPair.ApplyAsync(new RemoteContext(new RecordingShell(), new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath);

        Assert.Equal(first, await File.ReadAllTextAsync(PskPath));
    }

    [Fact]
    public async Task ApplyAsync_GatewayFails_NamesItWithoutTheKey()
    {
        var shell = new RecordingShell { Fail = "b-gw" };

        var error = await Assert.ThrowsAsync<RemoteTaskException>(() => VpnPair.ApplyAsync(new RemoteContext(shell, new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath));

        Assert.StartsWith("vpn/up.sh on b-gw failed (exit 4)", error.Message);
        Assert.DoesNotContain(await File.ReadAllTextAsync(PskPath), error.Message);
    }

    [Fact]
    public async Task ApplyAsync_KeyReadableByOthers_RefusesAndSendsNothing()
    {
        await VpnPair.ApplyAsync(new RemoteContext(new RecordingShell(), new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath);
        File.SetUnixFileMode(PskPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var shell = new RecordingShell();

        var error = await Assert.ThrowsAsync<VpnKeyException>(() => VpnPair.ApplyAsync(new RemoteContext(shell, new TemplateRenderer()), Inventory, Sites, "aes256gcm16", PskPath));

        Assert.Equal($"the VPN key {PskPath} has mode 0644: others can read or change it; make it private with 'chmod 600 {PskPath}' (or delete it and run 'ferry up' to make a new one)", error.Message);
        Assert.Empty(shell.Scripts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("secret = 0x0123456789abcdef0123456789abcdef0123456789abcdef012345")]
    public async Task LoadPskAsync_NotAKeyFerryMade_RefusesWithoutShowingIt(string content)
    {
        await File.WriteAllTextAsync(PskPath, content);
        File.SetUnixFileMode(PskPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = await Assert.ThrowsAsync<VpnKeyException>(() => VpnPair.LoadPskAsync(PskPath));

        Assert.Equal($"the VPN key {PskPath} is not a key ferry made (expected 64 lowercase hex digits, found {content.Length} characters); delete it and run 'ferry up' to make a new one", error.Message);
        if (content.Length > 0)
        {
            Assert.DoesNotContain(content, error.Message);
        }
    }

    [Fact]
    public async Task LoadPskAsync_KeyFerryMade_ReturnsIt()
    {
        var key = await VpnPair.EnsurePskAsync(PskPath);

        Assert.Equal(key, await VpnPair.LoadPskAsync(PskPath));
    }

    private static string GoldenDirectory([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Golden");

    private sealed class RecordingShell : IRemoteShell
    {
        public Dictionary<string, string> Scripts { get; } = [];

        public string? Fail { get; init; }

        public Task<CommandResult> RunScriptAsync(InventoryHost host, string script, Action<string>? onOutputLine = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            lock (Scripts)
            {
                Scripts[host.Name] = script;
            }

            return Task.FromResult(host.Name == Fail
                ? new CommandResult(4, "", "child SA a is not INSTALLED after 30s", TimeSpan.Zero)
                : new CommandResult(0, "ferry-out vpn_installed_after.x=0.01\nferry-out vpn_backend=libipsec\n", "", TimeSpan.Zero));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

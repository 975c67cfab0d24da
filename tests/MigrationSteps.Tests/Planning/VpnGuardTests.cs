using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Planning;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Ferry.Provisioning.Vpn;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Planning;

public class VpnGuardTests
{
    private const string Installed = """
        ferry-vpn: running
        list-sa event {
          PEER {
            state = ESTABLISHED
            child-sas {
              PEER-1 {
                name = PEER
                state = INSTALLED
              }
            }
          }
        }
        """;

    private static readonly HostInventory Inventory = new("t", "local", "10.252.0.0/24",
    [
        Host("aws-gw", "gateway", "aws"), Host("aws-w1", "workload", "aws"), Host("aws-w2", "workload", "aws"),
        Host("gcp-gw", "gateway", "gcp"), Host("gcp-w1", "workload", "gcp"),
    ]);

    private static AppDefinition Redis => AppFile.Load(Path.Combine(RepoPaths.Stacks, "apps"), "redis");

    [Fact]
    public async Task RefusalAsync_InsideOneSite_AsksNoGateway()
    {
        var shell = new GatewayShell(new Dictionary<string, string>());

        Assert.Null(await Guard(shell).RefusalAsync(new MigrationRequest(Redis, "aws-w1", "aws-w2", InsecureDirect: true)));
        Assert.Empty(shell.Asked);
    }

    [Fact]
    public async Task RefusalAsync_TunnelInstalledOnBothGateways_LetsItRun()
    {
        var shell = new GatewayShell(new() { ["aws-gw"] = Installed.Replace("PEER", "gcp"), ["gcp-gw"] = Installed.Replace("PEER", "aws") });

        Assert.Null(await Guard(shell).RefusalAsync(new MigrationRequest(Redis, "aws-w1", "gcp-w1")));
        Assert.Equal(["aws-gw", "gcp-gw"], shell.Asked.Order());
    }

    [Fact]
    public async Task RefusalAsync_CharonDownOnTarget_NamesTheGatewayAndTheFix()
    {
        var shell = new GatewayShell(new() { ["aws-gw"] = Installed.Replace("PEER", "gcp"), ["gcp-gw"] = "ferry-vpn: charon-down\n" });

        var refusal = await Guard(shell).RefusalAsync(new MigrationRequest(Redis, "aws-w1", "gcp-w1"));

        Assert.Equal(
            "refusing to send redis's state from aws-w1 (site aws) to gcp-w1 (site gcp) in the clear: the VPN between aws and gcp is not up " +
            "(gcp-gw: charon is not running); bring it up with 'ferry vpn up' and check it with 'ferry vpn status'",
            refusal);
    }

    [Fact]
    public async Task RefusalAsync_VpnNotConfigured_SaysHowToEnableIt()
    {
        var shell = new GatewayShell(new() { ["aws-gw"] = "ferry-vpn: not-configured\n", ["gcp-gw"] = "ferry-vpn: not-configured\n" });

        var refusal = await Guard(shell).RefusalAsync(new MigrationRequest(Redis, "gcp-w1", "aws-w1"));

        Assert.EndsWith("(gcp-gw: no VPN configured; aws-gw: no VPN configured); enable it with 'vpn: { enabled: true }' in the stack file, then 'ferry down' and 'ferry up'", refusal);
    }

    [Fact]
    public async Task RefusalAsync_InsecureDirectBetweenSites_IsRefusedWithoutAsking()
    {
        var shell = new GatewayShell(new Dictionary<string, string>());

        var refusal = await Guard(shell).RefusalAsync(new MigrationRequest(Redis, "aws-w1", "gcp-w1", InsecureDirect: true));

        Assert.StartsWith("--insecure-direct is allowed only for moves inside one site; aws-w1 (site aws) and gcp-w1 (site gcp)", refusal);
        Assert.Empty(shell.Asked);
    }

    private static VpnGuard Guard(GatewayShell shell) => new(new VpnProbe(shell, new TemplateRenderer()), Inventory);

    private static InventoryHost Host(string name, string role, string site) =>
        new(name, role, site, "10.9.0.1", 22, "root", "/k", "10.9.0.1 ssh-ed25519 AAAA", "10.10.1.1");

    /// <summary>Answers vpn/status.sh with a fixed text per gateway and records who was asked.</summary>
    private sealed class GatewayShell(Dictionary<string, string> answers) : IRemoteShell
    {
        public List<string> Asked { get; } = [];

        public Task<CommandResult> RunScriptAsync(InventoryHost host, string script, Action<string>? onOutputLine = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            lock (Asked)
            {
                Asked.Add(host.Name);
            }

            return Task.FromResult(new CommandResult(0, answers[host.Name], "", TimeSpan.Zero));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

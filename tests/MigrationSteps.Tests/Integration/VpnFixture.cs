using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Vpn;
using Ferry.Stacks.Local;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>A local cloud of its own (VPN on, the default) with redis deployed on the first site.</summary>
public sealed class VpnFixture() : AppStack("fvpn", "10.245.0.0/24")
{
    public const int RedisDataMb = 8;

    public VpnProbe Probe => new(Remote);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Deployer.DeployAsync(Redis, "aws-w1", RedisDataMb);
    }

    /// <summary>Captures on the fabric side of a gateway's internet link: everything between the sites passes here.</summary>
    public Task<PacketCapture> CaptureWanAsync(string gateway) =>
        PacketCapture.StartAsync(new LocalNames(Stack.Name).FabricNamespace, Cloud.Plan.Single(h => h.Name == gateway).Links.Single(l => l.Bridge == LocalNames.InternetBridge).Outer);

    public Task<MigrationResult> MigrateAsync(string to, StrategyKind strategy, bool insecureDirect = false) =>
        Recorder.RecordAsync(Migrator, new MigrationRequest(Redis, Where("redis"), to, strategy, InsecureDirect: insecureDirect));
}

using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
namespace Ferry.MigrationSteps.Tests.Integration;

/// <summary>The tests that share the VPN cloud.</summary>
[CollectionDefinition(Name)]
public sealed class VpnCollection : ICollectionFixture<VpnFixture>
{
    public const string Name = "vpn cloud";
}

using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;

namespace Ferry.MigrationSteps.Tests.Integration;

[Collection(MigrationCollection.Name)]
public class DeployTests(MigrationFixture cloud)
{
    [Fact]
    public async Task Deploy_SecondTimeOnTheSameHost_LeavesTheRunningContainerAlone()
    {
        var host = cloud.Where("counter");
        var before = await cloud.IncrementAsync();

        await cloud.Deployer.DeployAsync(cloud.Counter, host);

        Assert.Equal(before + 1, await cloud.IncrementAsync());
    }

    [Fact]
    public async Task Remove_LeavesNoRouteForItsAddressesOnAnyRouter()
    {
        var reader = AppFile.Load(MigrationFixture.AppsDirectory, "reader");
        await cloud.Deployer.DeployAsync(reader, "gcp-w1");
        var routers = new[] { "aws-gw", "gcp-gw", "front", "client" };
        foreach (var router in routers)
        {
            Assert.Contains("10.252.0.30", await cloud.RunAsync(router, "ip", "-4", "route", "show"));
        }

        await cloud.Deployer.RemoveAsync(reader);

        foreach (var router in routers)
        {
            Assert.DoesNotContain("10.252.0.30", await cloud.RunAsync(router, "ip", "-4", "route", "show"));
        }
    }

    [Fact]
    public async Task Deploy_WhereTheAppAlreadyRunsElsewhere_IsRefusedAndSaysHowToMoveIt()
    {
        var host = cloud.Where("counter");

        var error = await Assert.ThrowsAsync<AppException>(() => cloud.Deployer.DeployAsync(cloud.Counter, MigrationFixture.Other(host)));

        Assert.StartsWith($"application counter already runs on {host}; migrate it with 'ferry migrate counter --from {host}", error.Message);
    }

    [Fact]
    public async Task Deploy_OnAGateway_IsRefusedAndListsTheWorkloads()
    {
        var error = await Assert.ThrowsAsync<AppException>(() => cloud.Deployer.DeployAsync(cloud.Counter, "aws-gw"));

        Assert.Equal("host aws-gw is a gateway; deploy applications on a workload host (aws-w1, gcp-w1)", error.Message);
    }
}

using System.Text;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Tests.Support;

namespace Ferry.MigrationSteps.Tests.Apps;

public sealed class ContainerInputsFactoryTests
{
    private static readonly ContainerInputsFactory Factory = new(TestModel.Templates, FakeInventory.Create());

    private static AppDefinition App(params string[] addresses) => new(
        "demo", "", addresses.Select((a, i) => new ContainerDefinition($"c{i}", a, ["sleep", "60"], i == 0 ? [80] : [], 64, [new ContainerFile("/a", "é\n")], ["MODE=test"])).ToList(), null);

    [Fact]
    public void For_Containers_NamesPortsAndPageServerPortsInOrder()
    {
        var inputs = Factory.For(App("10.252.0.30", "10.252.0.31"), "gcp-w1", "run-1");

        Assert.Equal(
            [("demo-c0", "10.252.0.30", "10.252.0.1", "80", "27100", "/var/lib/ferry/migrate/run-1/c0"), ("demo-c1", "10.252.0.31", "10.252.0.1", "", "27101", "/var/lib/ferry/migrate/run-1/c1")],
            inputs.Select(c => (c.Id, c.Address, c.Gateway, c.Port, c.PageServerPort, c.Images)));
    }

    [Fact]
    public void For_NoRunId_NoImagesDirectory()
    {
        Assert.Equal("", Factory.For(App("10.252.0.30"), "aws-w1").Single().Images);
    }

    [Fact]
    public void For_File_ContentBase64OfUtf8()
    {
        var file = Factory.For(App("10.252.0.30"), "aws-w1").Single().Files.Single();

        Assert.Equal(("/a", "0644", "é\n"), (file.Path, file.Mode, Encoding.UTF8.GetString(Convert.FromBase64String(file.ContentBase64))));
    }

    [Fact]
    public void For_Config_CommandEnvironmentCgroupAndMemory()
    {
        var config = Factory.For(App("10.252.0.30"), "gcp-w1").Single().ConfigJson;

        Assert.Contains("\"args\": [\"sleep\",\"60\"]", config);
        Assert.Contains("\"env\": [\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"HOME=/root\",\"MODE=test\"]", config);
        Assert.Contains("\"cgroupsPath\": \"/ferry-unit/gcp-w1/demo-c0\"", config);
        Assert.Contains("\"limit\": 67108864", config);
        Assert.Contains("\"path\": \"/run/netns/ctr-demo-c0\"", config);
        System.Text.Json.JsonDocument.Parse(config).Dispose();
    }

    [Theory]
    [InlineData("10.253.0.30")]
    [InlineData("10.252.0.1")]
    public void Validate_AddressOutsideSubnetOrGateway_Throws(string address)
    {
        var e = Assert.Throws<AppException>(() => Factory.For(App(address), "aws-w1"));

        Assert.Equal($"container demo/c0: address {address} must lie in the stack's apps subnet 10.252.0.0/24 and not be its gateway 10.252.0.1", e.Message);
    }
}

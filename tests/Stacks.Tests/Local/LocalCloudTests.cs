using System.Diagnostics;

namespace Ferry.Stacks.Tests.Local;

[Collection(LocalCloudCollection.Name)]
public class LocalCloudTests(LocalCloudFixture cloud)
{
    [Fact]
    public async Task Up_EveryHost_AnswersOverSshWithItsOwnHostname()
    {
        Assert.Equal(6, cloud.Inventory.Hosts.Count);
        foreach (var host in cloud.Inventory.Hosts)
        {
            Assert.Equal(host.Name, await cloud.RunAsync(host.Name, "hostname"));
        }
    }

    [Fact]
    public async Task Up_Hosts_HaveCriuThatPassesCheck()
    {
        var version = await cloud.RunAsync("aws-w1", "criu", "--version");
        Assert.Contains("Version: 4.2.1", version);
        Assert.Contains("Looks good", await cloud.RunAsync("gcp-w1", "sh", "-c", "criu check 2>&1"));
    }

    [Fact]
    public async Task Up_HostInit_HoldsNoDescriptorInheritedFromWhoeverBootedIt()
    {
        // 255 is bash's own handle on the init script; anything else came from the booting process. So too
        // for unshare, which waits outside the host's pid namespace for as long as the host runs.
        foreach (var host in cloud.Inventory.Hosts)
        {
            Assert.Equal("0 1 2 255", await cloud.RunAsync(host.Name, "sh", "-c", "ls /proc/1/fd | sort -n | xargs"));
            var unshare = File.ReadAllText(Path.Combine(cloud.Cloud.StateDirectory, "hosts", host.Name, "pid")).Trim();
            Assert.Equal(["0", "1", "2"], Directory.GetFileSystemEntries($"/proc/{unshare}/fd").Select(Path.GetFileName).Order());
        }
    }

    [Fact]
    public async Task FileWrittenOnOneHost_IsNotVisibleOnAnother()
    {
        var marker = $"/root/marker-{Guid.NewGuid():N}";
        await cloud.RunAsync("aws-w1", "sh", "-c", $"echo written > {marker}");

        Assert.Equal("written", await cloud.RunAsync("aws-w1", "cat", marker));
        Assert.Equal("absent", await cloud.RunAsync("gcp-w1", "sh", "-c", $"test -e {marker} && echo present || echo absent"));
    }

    [Theory]
    [InlineData("aws-w1", "10.10.2.10", true)] // workload to the other site, through both gateways
    [InlineData("gcp-w1", "10.10.1.10", true)]
    [InlineData("client", "10.251.0.100", true)] // client to front's public address on the internet segment
    [InlineData("client", "10.10.1.10", false)] // a site's private address is not reachable from the internet
    [InlineData("client", "10.10.1.100", false)] // ...not even the front's
    [InlineData("front", "10.10.1.10", true)] // the front lives in the first site
    [InlineData("front", "10.10.2.10", true)] // ...and reaches the other one through its gateway and the tunnel
    [InlineData("aws-w1", "10.249.0.5", false)] // the management segment is no shortcut between hosts
    [InlineData("aws-w1", "10.249.0.1", true)] // ...but ferry on the machine is reachable from every host
    public async Task Hosts_ReachEachOther_OnlyAsTheTopologySays(string from, string to, bool reachable)
    {
        var answer = await cloud.RunAsync(from, "sh", "-c", $"ping -c1 -W1 {to} >/dev/null 2>&1 && echo yes || echo no");

        Assert.Equal(reachable ? "yes" : "no", answer);
    }

    [Fact]
    public async Task InterSiteLink_IsShapedByTbf()
    {
        const long bytes = 20_000_000;
        var receiver = cloud.Inventory.Host("gcp-w1");
        await cloud.RunAsync("gcp-w1", "sh", "-c", "(timeout 60 socat -u TCP-LISTEN:5001,reuseaddr /dev/null >/dev/null 2>&1 &) ; sleep 0.2");
        var clock = Stopwatch.StartNew();
        await cloud.RunAsync("aws-w1", "sh", "-c", $"head -c {bytes} /dev/zero | socat -u - TCP:{receiver.PrivateIp}:5001");
        clock.Stop();

        var floor = bytes * 8 / (cloud.Cloud.Stack.Link.BandwidthMbit!.Value * 1_000_000.0);
        Assert.True(clock.Elapsed.TotalSeconds >= floor * 0.9, $"20 MB crossed in {clock.Elapsed.TotalSeconds:F2} s, faster than the link allows ({floor:F2} s)");
    }

    [Fact]
    public async Task Up_SecondTime_IsANoOpAndHostsKeepRunning()
    {
        var marker = $"/root/still-{Guid.NewGuid():N}";
        await cloud.RunAsync("front", "touch", marker);

        var again = await cloud.Cloud.UpAsync(new Ferry.Stacks.Local.HostImage(new Ferry.Stacks.Local.LocalScript(new Ferry.Provisioning.Templates.TemplateRenderer())));

        Assert.Equal(cloud.Inventory.Hosts, again.Hosts);
        Assert.Equal("yes", await cloud.RunAsync("front", "sh", "-c", $"test -e {marker} && echo yes"));
    }

    [Fact]
    public void Inventory_PinsEveryHostKey()
    {
        Assert.NotEmpty(cloud.Inventory.Hosts);
        Assert.All(cloud.Inventory.Hosts, h => Assert.Matches(@"^\d+\.\d+\.\d+\.\d+ ssh-ed25519 [A-Za-z0-9+/=]+$", h.KnownHostsLine));
    }
}

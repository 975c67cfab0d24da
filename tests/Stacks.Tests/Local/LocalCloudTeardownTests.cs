using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Templates;
using Ferry.Stacks.Local;
using Ferry.TestSupport;

namespace Ferry.Stacks.Tests.Local;

/// <summary>Boots its own stack so that it can take it down and look for anything left behind.</summary>
public class LocalCloudTeardownTests
{
    private static LocalCloud NewCloud() =>
        new(LocalStack.Define("fdown", "10.248.0.0/24"), new LocalScript(new TemplateRenderer()));

    [Fact]
    public async Task Down_AfterUp_LeavesNoNamespaceMountProcessOrInterface()
    {
        var cloud = NewCloud();
        await cloud.UpAsync(new HostImage(new LocalScript(new TemplateRenderer())));
        Assert.NotEmpty(await Leftovers("fdown"));

        await cloud.DownAsync();

        Assert.Empty(await Leftovers("fdown"));
    }

    [Fact]
    public async Task Down_AfterAKilledUp_StillFindsEverything()
    {
        var cloud = NewCloud();
        await cloud.UpAsync(new HostImage(new LocalScript(new TemplateRenderer())));
        // What a killed 'up' leaves: hosts running, the state file still saying it was booting, no inventory.
        var state = LocalCloudState.Load("fdown")!;
        (state with { Phase = LocalCloudState.Booting }).Save();
        File.Delete(cloud.InventoryPath);

        await NewCloud().DownAsync();

        Assert.Empty(await Leftovers("fdown"));
    }

    /// <summary>Everything on this machine that carries the stack's name, listed by the system's own tools.</summary>
    private static async Task<List<string>> Leftovers(string stack)
    {
        var found = new List<string>();
        var netns = await ProcessRunner.RunAsync("ip", ["netns", "list"]);
        found.AddRange(netns.StandardOutput.Split('\n').Where(l => l.StartsWith($"ferry.{stack}.", StringComparison.Ordinal)).Select(l => "netns " + l));
        var links = await ProcessRunner.RunAsync("ip", ["-o", "link", "show"]);
        found.AddRange(links.StandardOutput.Split('\n').Where(l => l.Contains($" f_{stack}:") || l.Contains($" f{stack}")).Select(l => "link " + l));
        found.AddRange(File.ReadAllLines("/proc/mounts").Where(l => l.Contains($"/stacks/{stack}/")).Select(l => "mount " + l));
        var procs = await ProcessRunner.RunAsync("pgrep", ["-af", $"stacks/{stack}/"]);
        found.AddRange(procs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "process " + l));
        if (Directory.Exists(FerryPaths.Stack(stack)))
        {
            found.Add("directory " + FerryPaths.Stack(stack));
        }

        return found;
    }
}

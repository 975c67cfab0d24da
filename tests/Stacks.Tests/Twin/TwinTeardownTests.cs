using Ferry.Provisioning.Processes;
using Ferry.Stacks.Local;
using Ferry.TestSupport;

namespace Ferry.Stacks.Tests.Twin;

/// <summary>Boots a twin of its own so that it can take it down and look for anything left behind.</summary>
public class TwinTeardownTests
{
    [Fact]
    public async Task Down_AfterUp_LeavesNoNamespaceMountProcessInterfaceOrDirectory()
    {
        var twin = new TwinStack("aws-azure", "twdn", "10.233.0.0/24");
        await twin.InitializeAsync();
        Assert.NotEmpty(await Leftovers(twin.Twin.Name, "otwdn"));

        await twin.DisposeAsync();

        Assert.Empty(await Leftovers(twin.Twin.Name, "otwdn"));
    }

    /// <summary>Everything on this machine that carries the twin's name, listed by the system's own tools.</summary>
    private static async Task<List<string>> Leftovers(string stack, string operatorVeth)
    {
        var found = new List<string>();
        var netns = await ProcessRunner.RunAsync("ip", ["netns", "list"]);
        found.AddRange(netns.StandardOutput.Split('\n').Where(l => l.StartsWith($"ferry.{stack}.", StringComparison.Ordinal)).Select(l => "netns " + l));
        var links = await ProcessRunner.RunAsync("ip", ["-o", "link", "show"]);
        found.AddRange(links.StandardOutput.Split('\n').Where(l => l.Contains($" {operatorVeth}@", StringComparison.Ordinal) || l.Contains($" {operatorVeth}:", StringComparison.Ordinal)).Select(l => "link " + l));
        found.AddRange(File.ReadAllLines("/proc/mounts").Where(l => l.Contains($"/stacks/{stack}/", StringComparison.Ordinal)).Select(l => "mount " + l));
        var procs = await ProcessRunner.RunAsync("pgrep", ["-af", $"stacks/{stack}/"]);
        found.AddRange(procs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "process " + l));
        if (Directory.Exists(FerryPaths.Stack(stack)))
        {
            found.Add("directory " + FerryPaths.Stack(stack));
        }

        return found;
    }
}

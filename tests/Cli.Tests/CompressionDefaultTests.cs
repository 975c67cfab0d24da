using Ferry.Stacks.Files;
using Ferry.Stacks.Model;

namespace Ferry.Cli.Tests;

public class CompressionDefaultTests
{
    private static StackDefinition Stack(string name) => StackFile.Load(Path.Combine(CliWorkspace.RepoRoot, "stacks", name));

    [Fact]
    public void CompressesOn_ShapedLocalLinkUnderAGigabit_Compresses() =>
        Assert.True(CliContext.CompressesOn(Stack("local.yaml")));

    [Fact]
    public void CompressesOn_UnshapedOrGigabitLocalLink_DoesNot()
    {
        var local = Stack("local.yaml");

        Assert.False(CliContext.CompressesOn(local with { Link = new LinkDefinition(null) }));
        Assert.False(CliContext.CompressesOn(local with { Link = new LinkDefinition(1000) }));
    }

    [Fact]
    public void CompressesOn_RealClouds_Compresses() =>
        Assert.True(CliContext.CompressesOn(Stack("aws-gcp.yaml")));
}

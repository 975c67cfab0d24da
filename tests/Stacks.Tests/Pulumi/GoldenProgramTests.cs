using Ferry.TestSupport;
using Xunit;
using Ferry.Stacks.Pulumi;

namespace Ferry.Stacks.Tests.Pulumi;

public class GoldenProgramTests
{
    public static TheoryData<string> Pairs => new() { "aws-gcp", "aws-azure", "gcp-azure" };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Render_CommittedProgram_MatchesFreshRender(string stack)
    {
        var rendered = PulumiStack.RenderAll(RepoPaths.Stacks, RepoPaths.Templates).SingleOrDefault(p => p.Stack.Name == stack);
        Assert.NotNull(rendered);
        var dir = PulumiProgramWriter.ProgramDirectory(RepoPaths.Root, stack);
        if (Environment.GetEnvironmentVariable("FERRY_UPDATE_GOLDEN") == "1")
        {
            PulumiProgramWriter.Write(RepoPaths.Root, rendered);
        }

        var path = Path.Combine(dir, PulumiProgramWriter.ProgramFile);
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";
        Assert.True(committed == rendered.Yaml,
            $"{path} is out of date with stacks/{stack}.yaml or the renderers; regenerate with: ./ferry render (or FERRY_UPDATE_GOLDEN=1 dotnet test tests/Stacks.Tests), then review and commit the diff");
        Assert.Equal(PulumiProgramWriter.ProjectYaml(stack), File.ReadAllText(Path.Combine(dir, PulumiProgramWriter.ProjectFile)));
    }

    [Fact]
    public void RenderAll_StacksFolder_RendersExactlyThePulumiStacks()
    {
        var names = PulumiStack.RenderAll(RepoPaths.Stacks, RepoPaths.Templates).Select(p => p.Stack.Name);

        Assert.Equal(["aws-azure", "aws-gcp", "gcp-azure"], names);
    }

    [Fact]
    public void RootProject_Main_PointsAtARenderedProgram()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.yaml"));

        Assert.Contains("runtime: yaml", text);
        Assert.Contains("main: stacks/pulumi/aws-gcp/", text);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "stacks", "pulumi", "aws-gcp", "Main.yaml")));
    }
}

using Ferry.Stacks.Pulumi;
using Xunit;

namespace Ferry.Stacks.Tests.Pulumi;

public sealed class PulumiProgramWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ferry-writer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_SameProgramTwice_ChangesOnlyTheFirstTime()
    {
        var program = new RenderedProgram(TestStacks.Load("aws-gcp"), TestStacks.Render(TestStacks.Load("aws-gcp")));

        var first = PulumiProgramWriter.Write(_root, program);
        var second = PulumiProgramWriter.Write(_root, program);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(program.Yaml, File.ReadAllText(Path.Combine(_root, "stacks", "pulumi", "aws-gcp", "Main.yaml")));
        Assert.Equal(["Main.yaml", "Pulumi.yaml"], Directory.GetFiles(Path.Combine(_root, "stacks", "pulumi", "aws-gcp")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ProjectYaml_Stack_IsAYamlProjectNamedFerry()
    {
        Assert.Equal(
            "name: ferry\nruntime: yaml\ndescription: 'Ferry stack aws-gcp: the program is Main.yaml in this folder, rendered from stacks/aws-gcp.yaml'\n",
            PulumiProgramWriter.ProjectYaml("aws-gcp"));
    }
}

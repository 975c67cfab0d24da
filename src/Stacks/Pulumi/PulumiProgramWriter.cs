using YamlDotNet.RepresentationModel;

namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Writes a rendered program to <c>stacks/pulumi/&lt;stack&gt;/Main.yaml</c> (Pulumi YAML requires that file
/// name) beside a small <c>Pulumi.yaml</c> project file, so <c>pulumi up</c> runs in that folder for any
/// stack. Files are written only when their content changed.
/// </summary>
public static class PulumiProgramWriter
{
    public const string ProgramFile = "Main.yaml";
    public const string ProjectFile = "Pulumi.yaml";

    public static string ProgramDirectory(string repoRoot, string stackName) =>
        Path.Combine(repoRoot, "stacks", "pulumi", stackName);

    /// <summary>Writes the program and its project file; returns true when either changed on disk.</summary>
    public static bool Write(string repoRoot, RenderedProgram program) =>
        WriteToDirectory(ProgramDirectory(repoRoot, program.Stack.Name), program);

    /// <summary>Writes the program and its project file into <paramref name="dir"/>; returns true when either changed on disk.</summary>
    public static bool WriteToDirectory(string dir, RenderedProgram program)
    {
        Directory.CreateDirectory(dir);
        var programChanged = WriteIfChanged(Path.Combine(dir, ProgramFile), program.Yaml);
        var projectChanged = WriteIfChanged(Path.Combine(dir, ProjectFile), ProjectYaml(program.Stack.Name));
        return programChanged || projectChanged;
    }

    /// <summary>The project file of one program folder; the program itself is the Main.yaml beside it.</summary>
    public static string ProjectYaml(string stackName)
    {
        var root = new YamlMappingNode
        {
            { "name", PulumiStack.ProjectName },
            { "runtime", "yaml" },
            { "description", $"Ferry stack {stackName}: the program is Main.yaml in this folder, rendered from stacks/{stackName}.yaml" },
        };
        var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static bool WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
        return true;
    }
}

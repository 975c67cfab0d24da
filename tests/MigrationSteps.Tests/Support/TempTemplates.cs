using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Templates;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Support;

/// <summary>
/// A templates directory with one tiny script per step kind, each printing its step's name, and the
/// real apps/config.json (container inputs are rendered with it).
/// </summary>
public sealed class TempTemplates : IDisposable
{
    public TempTemplates()
    {
        Directory.CreateDirectory(Path.Combine(Root, "migrate"));
        Directory.CreateDirectory(Path.Combine(Root, "apps"));
        File.Copy(Path.Combine(RepoPaths.Templates, "apps", "config.json"), Path.Combine(Root, "apps", "config.json"));
        foreach (var kind in Enum.GetValues<StepKind>())
        {
            Write(kind.Template(), kind.Name() + "\n");
        }

        Directory.CreateDirectory(Path.Combine(Root, "vpn"));
        Write("vpn/status.sh", "vpn-status\n");
        Directory.CreateDirectory(Path.Combine(Root, "provision"));
        Write("provision/host-facts.sh", "host-facts\n");
        Write("migrate/sample.sh", "sample\n");
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("ferry-templates-").FullName;

    public void Write(string name, string text) => File.WriteAllText(Path.Combine(Root, name), text);

    public TemplateRenderer Renderer() => new(Root);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

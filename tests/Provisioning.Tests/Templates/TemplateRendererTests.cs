using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Tests.Templates;

public class TemplateRendererTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ferry-templates").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TemplateRenderer With(string name, string text)
    {
        File.WriteAllText(Path.Combine(_root, name), text);
        return new TemplateRenderer(_root);
    }

    [Fact]
    public async Task Render_HostileValues_AreQuotedOneWordEach()
    {
        var renderer = With("t.sh", "printf '[%s]' {{q one}} {{qa many}}");
        var script = renderer.Render("t.sh", new { one = "$(id) x", many = new[] { "a b", "'c'", "d\ne" } });

        var result = await ProcessRunner.RunAsync("bash", ["-s"], script);

        Assert.Equal("[$(id) x][a b]['c'][d\ne]\n", result.StandardOutput);
    }

    [Fact]
    public void Render_BareValueInShellTemplate_IsRefusedWithTheFix()
    {
        var renderer = With("bad.sh", "echo ok\nrm -rf {{dir}}\n");

        var error = Assert.Throws<TemplateException>(() => renderer.Render("bad.sh", new { dir = "/" }));

        Assert.Equal("template bad.sh:2: '{{dir}}' is not shell-quoted; write {{q dir}}", error.Message);
    }

    [Fact]
    public void Render_MissingValue_IsAnError()
    {
        var renderer = With("t.sh", "echo {{q absent}}");

        Assert.Throws<TemplateException>(() => renderer.Render("t.sh", new { present = 1 }));
    }

    [Fact]
    public void Render_RawValueWithNewline_IsRefused()
    {
        var renderer = With("t.cfg", "server {{raw name}}");

        Assert.Throws<TemplateException>(() => renderer.Render("t.cfg", new { name = "a\nb" }));
    }

    [Fact]
    public void Render_UnknownTemplate_NamesIt()
    {
        var error = Assert.Throws<TemplateException>(() => new TemplateRenderer(_root).Render("nope.sh", new { }));

        Assert.Contains("nope.sh", error.Message);
    }

    [Fact]
    public async Task Render_EveryShippedShellTemplate_Compiles()
    {
        var shipped = new TemplateRenderer();
        var files = Directory.GetFiles(shipped.Root, "*.sh", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bash = await ProcessRunner.RunAsync("bash", ["-n", file]);
            Assert.True(bash.Succeeded, $"{file}: {bash.StandardError}");
        }
    }
}

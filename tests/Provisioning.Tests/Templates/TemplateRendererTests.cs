using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Tests.Templates;

public class TemplateRendererTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ferry-templates").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TemplateRenderer With(string name, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, name))!);
        File.WriteAllText(Path.Combine(_root, name), text);
        return new TemplateRenderer(_root);
    }

    private sealed record Values(string One, IReadOnlyList<string> Many);

    [Fact]
    public async Task Render_HostileValues_AreQuotedOneWordEach()
    {
        var renderer = With("t.sh", "printf '[%s]' {{ one | q }} {{ many | qa }}");
        var script = renderer.Render("t.sh", new Values("$(id) x", ["a b", "'c'", "d\ne"]));

        var result = await ProcessRunner.RunAsync("bash", ["-s"], script);

        Assert.Equal("[$(id) x][a b]['c'][d\ne]\n", result.StandardOutput);
    }

    [Fact]
    public void Render_BareValueInShellTemplate_IsRefusedWithTheFix()
    {
        var renderer = With("bad.sh", "echo ok\nrm -rf {{ dir }}\n");

        var error = Assert.Throws<TemplateException>(() => renderer.Render("bad.sh", new { dir = "/" }));

        Assert.Equal("template bad.sh:2: '{{ dir }}' is not shell-quoted; write {{ dir | q }}", error.Message);
    }

    [Theory]
    [InlineData("{{ dir | string.upcase }}")]
    [InlineData("{{ 'x' + dir }}")]
    [InlineData("{{ if true }}{{ dir }}{{ end }}")]
    [InlineData("{{ for d in [dir] }}{{ d }}{{ end }}")]
    public void Render_ValueThatEndsUnquoted_IsRefused(string expression)
    {
        var renderer = With("bad.sh", "echo " + expression + "\n");

        Assert.Throws<TemplateException>(() => renderer.Render("bad.sh", new { dir = "/" }));
    }

    [Fact]
    public void Render_BareValueInAPartial_IsRefusedNamingThePartial()
    {
        With("partials/p.sh", "rm -rf {{ dir }}\n");
        var renderer = With("t.sh", "{{ include 'partials/p.sh' }}\n");

        var error = Assert.Throws<TemplateException>(() => renderer.Render("t.sh", new { dir = "/" }));

        Assert.Contains("partials/p.sh:1: '{{ dir }}' is not shell-quoted", error.Message);
    }

    [Fact]
    public void Render_IncludeOutsideTheTemplates_IsRefused()
    {
        var renderer = With("t.sh", "{{ include '../../etc/passwd' }}\n");

        var error = Assert.Throws<TemplateException>(() => renderer.Render("t.sh", new { }));

        Assert.Contains("outside", error.Message);
    }

    [Fact]
    public void Render_FileHash_ChangesWithTheFileAndStaysInsideTheTemplates()
    {
        With("lib/tool.py", "print(1)\n");
        var first = With("t.sh", "echo {{ file_hash 'lib/tool.py' | q }}\n").Render("t.sh", new { });
        With("lib/tool.py", "print(2)\n");
        var second = new TemplateRenderer(_root).Render("t.sh", new { });

        Assert.Matches("^echo [0-9a-f]{16}\n$", first);
        Assert.NotEqual(first, second);
        var outside = With("u.sh", "echo {{ file_hash '../../etc/passwd' | q }}\n");
        Assert.Contains("no file ../../etc/passwd under", Assert.Throws<TemplateException>(() => outside.Render("u.sh", new { })).Message);
    }

    [Fact]
    public void Render_MissingValue_IsAnErrorNamingIt()
    {
        var renderer = With("t.sh", "echo {{ absent | q }}");

        var error = Assert.Throws<TemplateException>(() => renderer.Render("t.sh", new { present = 1 }));

        Assert.Contains("`absent`", error.Message);
    }

    [Fact]
    public void Render_MissingMember_IsAnError()
    {
        var renderer = With("t.sh", "echo {{ v.absent | q }}");

        Assert.Throws<TemplateException>(() => renderer.Render("t.sh", new { v = new Values("a", []) }));
    }

    [Fact]
    public void Render_NullValue_IsRefused()
    {
        var renderer = With("t.sh", "echo {{ v | q }}");

        var error = Assert.Throws<TemplateException>(() => renderer.Render("t.sh", new Dictionary<string, object?> { ["v"] = null }));

        Assert.Contains("missing (null)", error.Message);
    }

    [Fact]
    public void Render_OutputKeysAndWaitLimits_ComeFromTheCSharpConstants()
    {
        var renderer = With("t.sh", "out {{ keys.freeze_start | q }} {{ limits.drain | q }}\n");

        Assert.Equal($"out {OutputKeys.FreezeStart} {WaitLimits.Drain}\n", renderer.Render("t.sh", new { }));
    }

    [Fact]
    public void Render_UnknownOutputKey_FailsAtRenderTime()
    {
        var renderer = With("t.sh", "out {{ keys.freeze_stat | q }} x\n");

        Assert.Throws<TemplateException>(() => renderer.Render("t.sh", new { }));
    }

    [Fact]
    public void Render_RawValueWithNewline_IsRefused()
    {
        var renderer = With("t.cfg", "server {{ name | raw }}");

        Assert.Throws<TemplateException>(() => renderer.Render("t.cfg", new { name = "a\nb" }));
    }

    [Fact]
    public void Render_UnknownTemplate_NamesIt()
    {
        var error = Assert.Throws<TemplateException>(() => new TemplateRenderer(_root).Render("nope.sh", new { }));

        Assert.Contains("nope.sh", error.Message);
    }

    [Fact]
    public async Task Render_EveryShippedShellTemplate_IsValidScribanAndBash()
    {
        var shipped = new TemplateRenderer();
        var files = Directory.GetFiles(shipped.Root, "*.sh", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            // The quoting rule holds in every file, and with the template tags removed bash can parse what is left.
            ShellTemplateCheck.Check(Path.GetRelativePath(shipped.Root, file), await File.ReadAllTextAsync(file));
            var text = System.Text.RegularExpressions.Regex.Replace(await File.ReadAllTextAsync(file), @"\{\{[~-]?.*?[~-]?\}\}", "x");
            var bash = await ProcessRunner.RunAsync("bash", ["-n"], text);
            Assert.True(bash.Succeeded, $"{file}: {bash.StandardError}");
        }
    }

    [Fact]
    public async Task EveryShippedShellTemplate_BackgroundCommandsLeaveTheScriptsStdioAlone()
    {
        // A background process that keeps the script's stdout or stderr keeps the SSH channel, and so the step,
        // open until it ends: a lazy restore then waits for its last page. "(a && b &)" keeps them too. The one
        // exception: a container's part of a step run side by side ("( ... ) &", then side_by_side+=($!)), whose
        // "out" lines must reach ferry and which the script waits for before it ends (partials/side-by-side.sh).
        var root = new TemplateRenderer().Root;
        var backgrounded = new List<string>();
        foreach (var file in Directory.GetFiles(root, "*.sh", SearchOption.AllDirectories))
        {
            var text = (await File.ReadAllTextAsync(file)).Replace("\\\n", " ").Replace(") &\nside_by_side+=($!)", "side_by_side+=($!)");
            foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith('#')))
            {
                if (System.Text.RegularExpressions.Regex.IsMatch(line, @"(?<!&)&\s*\)?\s*$"))
                {
                    backgrounded.Add(line);
                    Assert.True(line.Contains("</dev/null") && line.Contains("2>&1") && !line.EndsWith(')'), $"{file}: {line}");
                }
            }
        }

        Assert.NotEmpty(backgrounded);
    }
}

using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Templates;

public sealed class TemplateUmaskTests
{
    // Scripts run on a host; partials and strategies are included into them, and local/ and cloud-init/
    // run on the controller's machine or at first boot, where nothing private is written.
    public static TheoryData<string> HostScripts() => new(Scripts());

    private static IEnumerable<string> Scripts()
    {
        foreach (var directory in new[] { "apps", "baseline", "haproxy", "migrate", "probe", "provision", "vpn" })
        {
            var path = Path.Combine(RepoPaths.Templates, directory);
            if (!Directory.Exists(path)) continue;
            foreach (var file in Directory.GetFiles(path, "*.sh", SearchOption.AllDirectories).Order())
                yield return Path.GetRelativePath(RepoPaths.Templates, file);
        }
    }

    [Theory]
    [MemberData(nameof(HostScripts))]
    public void HostScript_SetsUmask077BeforeWritingAnything(string template)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Templates, template));
        var umask = Array.IndexOf(lines, "umask 077");
        var firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("set -"));

        Assert.True(umask >= 0, $"{template} has no line 'umask 077'");
        Assert.Equal(firstCommand, umask);
    }

    [Fact]
    public void HostScripts_AreFound()
    {
        Assert.Contains("migrate/checkpoint.sh", Scripts());
    }
}

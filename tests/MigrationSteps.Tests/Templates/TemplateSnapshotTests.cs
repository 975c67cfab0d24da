using System.Diagnostics;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Templates;

public sealed class TemplateSnapshotTests
{
    private static readonly string Golden = Path.Combine(RepoPaths.Root, "tests", "MigrationSteps.Tests", "Snapshots");

    public static TheoryData<string> Names => new(TemplateCases.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_FixedModel_MatchesGoldenFile(string name)
    {
        var (template, render) = TemplateCases.All[name];
        var rendered = render(TestModel.Templates);
        var path = Path.Combine(Golden, name + ".sh");
        var golden = File.Exists(path) ? File.ReadAllText(path) : null;
        GoldenFile.Check(path, rendered,
            $"{(golden is null ? "it is missing" : $"it differs from templates/{template} at line {FirstDifference(golden, rendered)}")}; " +
            "if the change is intended, rewrite the golden files with FERRY_UPDATE_GOLDEN=1 dotnet test tests/MigrationSteps.Tests --filter \"FullyQualifiedName!~Integration\"");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_FixedModel_BashParses(string name)
    {
        var (template, render) = TemplateCases.All[name];
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, render(TestModel.Templates));
            using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", file]) { RedirectStandardError = true })!;
            var errors = bash.StandardError.ReadToEnd();
            bash.WaitForExit();

            Assert.True(bash.ExitCode == 0, $"bash -n on {name} (templates/{template}) failed: {errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("apps")]
    [InlineData("probe")]
    [InlineData("provision")]
    [InlineData("vpn")]
    [InlineData("haproxy")]
    [InlineData("baseline")]
    public void Cases_CoverEveryShellTemplateOf(string directory)
    {
        var covered = TemplateCases.All.Values.Select(c => c.Template).ToHashSet();
        var shipped = Directory.GetFiles(Path.Combine(RepoPaths.Templates, directory), "*.sh").Select(f => $"{directory}/{Path.GetFileName(f)}").ToList();

        Assert.NotEmpty(shipped);
        Assert.Empty(shipped.Except(covered).Except(["vpn/up.sh"]));
    }

    [Fact]
    public void Cases_EveryGoldenFileHasACase()
    {
        var stale = Directory.GetFiles(Golden, "*.sh").Select(f => Path.GetFileNameWithoutExtension(f)).Except(TemplateCases.All.Keys);

        Assert.Empty(stale);
    }

    [Theory]
    [InlineData(StepKind.CutOver)]
    [InlineData(StepKind.RollbackTarget)]
    public void Render_StrategyIndependentStep_SameForEveryStrategy(StepKind step)
    {
        var scripts = TemplateCases.Variants
            .Select(v => v.Plan.Steps.First(s => s.Kind == step))
            .Select(s => s.Render(TestModel.Templates))
            .Distinct();

        Assert.Single(scripts);
    }

    private static int FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        return line + 1;
    }
}

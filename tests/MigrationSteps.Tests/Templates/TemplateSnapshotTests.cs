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
        var (template, model) = TemplateCases.All[name];
        var rendered = TestModel.Templates.Render(template, model);
        var path = Path.Combine(Golden, name + ".sh");
        if (Environment.GetEnvironmentVariable("FERRY_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Golden);
            File.WriteAllText(path, rendered);
        }

        var golden = File.Exists(path) ? File.ReadAllText(path) : null;
        Assert.True(golden == rendered,
            $"{path} {(golden is null ? "is missing" : $"differs from templates/{template} at line {FirstDifference(golden, rendered)}")}; " +
            "if the change is intended, rewrite the golden files with FERRY_UPDATE_GOLDEN=1 dotnet test tests/MigrationSteps.Tests --filter \"FullyQualifiedName!~Integration\", then review and commit the diff");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Render_FixedModel_BashParses(string name)
    {
        var (template, model) = TemplateCases.All[name];
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, TestModel.Templates.Render(template, model));
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

    [Fact]
    public void Cases_CoverEveryMigrateTemplate()
    {
        var covered = TemplateCases.All.Values.Select(c => c.Template).ToHashSet();
        var shipped = Directory.GetFiles(Path.Combine(RepoPaths.Templates, "migrate"), "*.sh").Select(f => "migrate/" + Path.GetFileName(f));

        Assert.Empty(shipped.Except(covered));
    }

    [Fact]
    public void Cases_EveryGoldenFileHasACase()
    {
        var stale = Directory.GetFiles(Golden, "*.sh").Select(f => Path.GetFileNameWithoutExtension(f)).Except(TemplateCases.All.Keys);

        Assert.Empty(stale);
    }

    [Theory]
    [InlineData(WellKnownSteps.CutOver)]
    [InlineData(WellKnownSteps.RollbackTarget)]
    [InlineData(WellKnownSteps.CleanupTarget)]
    public void Render_StrategyIndependentStep_SameForEveryStrategy(string step)
    {
        var scripts = TemplateCases.Variants
            .Select(v => v.Plan.Steps.First(s => s.Name == step))
            .Select(s => TestModel.Templates.Render(s.Template, s.Inputs))
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

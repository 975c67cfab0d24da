using System.Diagnostics;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Tests.Support;

namespace Ferry.MigrationSteps.Tests.Templates;

public sealed class HostileValueTests : IDisposable
{
    private static readonly string[] Hostile =
    [
        "it's", "\"double\"", "$(touch pwned-subshell)", "`touch pwned-backtick`", "${HOME}", "two\nlines", "  spaces  ",
        "", "*", "; touch pwned-semicolon", "a\\b", "--flag", "'", "\t", "ü ✓",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("ferry-hostile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Run(LoadInputs inputs)
    {
        var script = Path.Combine(_directory, "load.sh");
        File.WriteAllText(script, TestModel.Templates.Render(inputs));
        using var bash = Process.Start(new ProcessStartInfo("bash", [script])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = bash.StandardOutput.ReadToEnd();
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, errors);
        return output;
    }

    [Fact]
    public void RenderLoad_HostileArguments_EachArrivesIntactAsOneArgument()
    {
        // NUL-separated, so values holding newlines stay distinguishable.
        var output = Run(new LoadInputs("10.252.0.20", 1, new[] { "printf", "%s\\0" }.Concat(Hostile).ToList()));

        Assert.Equal(Hostile, output.Split('\0')[..^1]);
        Assert.Equal(["load.sh"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void RenderLoad_HostileAddress_ArrivesIntactInEnvironment()
    {
        const string address = "10.252.0.20'; touch pwned; echo '$(id)`id`";

        var output = Run(new LoadInputs(address, 1, ["printenv", "APP_IP"]));

        Assert.Equal(address + "\n", output);
        Assert.Equal(["load.sh"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }
}

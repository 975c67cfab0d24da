using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Tests.Templates;

public class ShellQuoteTests
{
    public static TheoryData<string> Hostile => new()
    {
        "plain",
        "two words",
        "it's",
        "$(touch /tmp/ferry-pwned)",
        "`id`",
        "a\nnewline",
        "semi; rm -rf /",
        "\"double\" 'single'",
        "$HOME and ${PATH}",
        "*",
        "",
        "-n",
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Quote_HostileValue_ReachesTheShellUnchanged(string value)
    {
        var result = await ProcessRunner.RunAsync("bash", ["-c", $"printf '%s|' {ShellQuote.Quote(value)}"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(value + "|\n", result.StandardOutput);
        Assert.False(File.Exists("/tmp/ferry-pwned"));
    }
}

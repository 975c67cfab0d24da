using System.Runtime.Versioning;
using Ferry.Stacks.Pulumi;
using Xunit;

namespace Ferry.Stacks.Tests.Pulumi;

[SupportedOSPlatform("linux")]
public sealed class PulumiPassphraseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ferry-passphrase-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string StackDir => Path.Combine(_dir, "stacks", "aws-gcp");

    [Fact]
    public void Environment_NoPassphraseGiven_MakesOnePrivateFileAndKeepsIt()
    {
        var first = PulumiPassphrase.Environment(StackDir, _ => null);
        var text = File.ReadAllText(first[PulumiPassphrase.FileVariable]);
        var second = PulumiPassphrase.Environment(StackDir, _ => null);

        Assert.Equal(Path.Combine(StackDir, PulumiPassphrase.FileName), Assert.Single(first).Value);
        Assert.Matches("^[0-9a-f]{64}$", text);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first[PulumiPassphrase.FileVariable]));
        Assert.Equal(first, second);
        Assert.Equal(text, File.ReadAllText(second[PulumiPassphrase.FileVariable]));
    }

    [Theory]
    [InlineData(PulumiPassphrase.Variable)]
    [InlineData(PulumiPassphrase.FileVariable)]
    public void Environment_UserChosePassphrase_AddsNothingAndWritesNothing(string variable)
    {
        var environment = PulumiPassphrase.Environment(StackDir, name => name == variable ? "mine" : null);

        Assert.Empty(environment);
        Assert.False(Directory.Exists(StackDir));
    }
}

using Ferry.Stacks.Pulumi;
using Xunit;

namespace Ferry.Stacks.Tests.Pulumi;

public sealed class PulumiCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ferry-pulumi-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Locate_NoPulumiOnPath_ThrowsSayingWhatToInstall()
    {
        var e = Assert.Throws<PulumiCliException>(() => PulumiCli.Locate(pathVariable: _dir));

        Assert.Equal("the Pulumi CLI ('pulumi') is not on PATH: install the Pulumi CLI (https://www.pulumi.com/docs/install/) and run `pulumi login --local`", e.Message);
    }

    [Fact]
    public void Locate_PulumiInAPathDirectory_ReturnsIt()
    {
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "pulumi"), "");

        var cli = PulumiCli.Locate(pathVariable: string.Join(Path.PathSeparator, [Path.Combine(_dir, "missing"), bin]));

        Assert.Equal(Path.Combine(bin, "pulumi"), cli.Executable);
    }

    [Fact]
    public void Arguments_Stack_AreArgumentArrays()
    {
        Assert.Equal(["up", "--yes", "--non-interactive", "--skip-preview", "--stack", "aws-gcp"], PulumiCli.UpArguments("aws-gcp"));
        Assert.Equal(["destroy", "--yes", "--non-interactive", "--skip-preview", "--stack", "aws-gcp"], PulumiCli.DestroyArguments("aws-gcp"));
        Assert.Equal(["stack", "output", "--json", "--show-secrets", "--stack", "aws-gcp"], PulumiCli.OutputArguments("aws-gcp"));
        Assert.Equal(["stack", "select", "--create", "--non-interactive", "aws-gcp"], PulumiCli.SelectArguments("aws-gcp"));
        Assert.Equal(["config", "set", "--secret", "--stack", "aws-gcp", "vpnPsk"], PulumiCli.ConfigSetArguments("aws-gcp", "vpnPsk", secret: true));
    }

    [Fact]
    public async Task SetConfig_SecretValue_GoesInOnStandardInputNotArguments()
    {
        var cli = FakeCli(exitCode: 0);

        await cli.SetConfig(_dir, "aws-gcp", "vpnPsk", "s3cret psk; $(reboot)", secret: true, CancellationToken.None);

        Assert.Equal(["config", "set", "--secret", "--stack", "aws-gcp", "vpnPsk"], File.ReadAllLines(Path.Combine(_dir, "args")));
        Assert.Equal("s3cret psk; $(reboot)", File.ReadAllText(Path.Combine(_dir, "stdin")));
    }

    [Fact]
    public async Task StackOutputJson_CliPrintsJson_ReturnsIt()
    {
        var cli = FakeCli(exitCode: 0, stdout: "{\"stack\": \"aws-gcp\"}");

        var json = await cli.StackOutputJson(_dir, "aws-gcp", CancellationToken.None);

        Assert.Equal("{\"stack\": \"aws-gcp\"}", json.Trim());
        Assert.Equal(PulumiCli.OutputArguments("aws-gcp"), File.ReadAllLines(Path.Combine(_dir, "args")));
    }

    [Fact]
    public async Task Up_CliFails_ThrowsWithCommandExitCodeAndError()
    {
        var output = new List<string>();
        var cli = FakeCli(exitCode: 3, output: output);

        var e = await Assert.ThrowsAsync<PulumiCliException>(() => cli.Up(_dir, "aws-gcp", CancellationToken.None));

        Assert.Equal($"pulumi up --yes --non-interactive --skip-preview --stack aws-gcp (in {_dir}) failed with exit code 3:\nerror: no credentials", e.Message);
        Assert.Contains("error: no credentials", output);
    }

    [Fact]
    public async Task Up_MissingProgramFolder_ThrowsNamingIt()
    {
        var missing = Path.Combine(_dir, "nope");

        var e = await Assert.ThrowsAsync<PulumiCliException>(() => FakeCli(0).Up(missing, "aws-gcp", CancellationToken.None));

        Assert.Equal($"no program folder {missing}; render the stack first", e.Message);
    }

    /// <summary>A stand-in `pulumi` that records its arguments and standard input, prints, and exits as told.</summary>
    private PulumiCli FakeCli(int exitCode, string stdout = "", List<string>? output = null)
    {
        var path = Path.Combine(_dir, "pulumi");
        File.WriteAllText(path, $"""
            #!/bin/sh
            printf '%s\n' "$@" > '{_dir}/args'
            cat > '{_dir}/stdin'
            printf '%s\n' '{stdout}'
            [ {exitCode} -eq 0 ] || echo 'error: no credentials' >&2
            exit {exitCode}
            """.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new PulumiCli(path, output is null ? null : line => { lock (output) { output.Add(line); } });
    }
}

using System.Runtime.Versioning;
using Ferry.Provisioning.Inventory;
using Ferry.Stacks.Pulumi;
using Ferry.TestSupport;

namespace Ferry.Cli.Tests.Commands;

/// <summary><c>ferry up</c> and <c>ferry down</c> of a kind: pulumi stack against a stand-in Pulumi CLI that records what it is asked.</summary>
[SupportedOSPlatform("linux")]
public sealed class PulumiLifecycleTests : IDisposable
{
    private readonly CliWorkspace _workspace = new();
    private readonly string _log;

    public PulumiLifecycleTests()
    {
        _log = Path.Combine(_workspace.Root, "pulumi.log");
        _workspace.FakePulumi(_log, PulumiSample.Outputs());
    }

    public void Dispose() => _workspace.Dispose();

    private string InventoryPath => Path.Combine(_workspace.State, "stacks", "aws-gcp", "inventory.json");

    [Fact]
    public async Task Up_PulumiStackWithKnownHosts_DeploysWritesTheInventoryThenProvisions()
    {
        var key = _workspace.KeyPair();
        var knownHosts = _workspace.Write("kh", PulumiSample.KnownHosts());

        var (exitCode, output) = await _workspace.RunAsync("up", "--stack", _workspace.Stack("aws-gcp"), "--known-hosts", knownHosts);

        // The stand-in pulumi deploys nothing: the provisioning path that follows the inventory finds no host.
        Assert.NotEqual(ExitCodes.Ok, exitCode);
        Assert.Contains("waiting for every host's first boot", output);
        Assert.Equal(
            [
                "stack select --create --non-interactive aws-gcp",
                "config set --stack aws-gcp sshPublicKey",
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAdminKeyForTests admin@test",
                "up --yes --non-interactive --skip-preview --stack aws-gcp",
                "stack output --json --show-secrets --stack aws-gcp",
            ],
            File.ReadAllLines(_log));
        Assert.NotEmpty(HostInventory.Load(InventoryPath).Hosts);
        Assert.All(HostInventory.Load(InventoryPath).Hosts, h => Assert.Equal(key, h.KeyPath));
    }

    [Fact]
    public async Task Up_PulumiStack_GivesEveryPulumiCallTheStacksOwnPassphraseFile()
    {
        _workspace.KeyPair();
        var knownHosts = _workspace.Write("kh", PulumiSample.KnownHosts());
        var expected = Path.Combine(_workspace.State, "stacks", "aws-gcp", PulumiPassphrase.FileName);

        var (exitCode, output) = await _workspace.RunAsync("up", "--stack", _workspace.Stack("aws-gcp"), "--known-hosts", knownHosts);
        var first = File.ReadAllText(expected);
        await _workspace.RunAsync("down", "--stack", _workspace.Stack("aws-gcp"));

        // Every pulumi call ran; the provisioning that follows finds no host (the stand-in deploys nothing).
        Assert.NotEqual(ExitCodes.Ok, exitCode);
        Assert.Contains("waiting for every host's first boot", output);
        var seen = File.ReadAllLines(_log + ".passphrase");
        Assert.Equal(5, seen.Length); // stack select, config set, up, stack output, destroy
        Assert.All(seen, s => Assert.Equal(expected, s));
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first, File.ReadAllText(expected));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(expected));
        Assert.DoesNotContain(first, output);
    }

    [Fact]
    public async Task Up_PulumiStackWithoutKnownHosts_ExplainsHowToPinAndFinishAndExitsBadInput()
    {
        _workspace.KeyPair();

        var (exitCode, output) = await _workspace.RunAsync("up", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("no known_hosts file was given", output);
        Assert.Contains($"The hosts are up; once their keys are pinned, write the inventory with: ferry inventory --from-pulumi --stack {_workspace.Stack("aws-gcp")}", output);
        Assert.False(File.Exists(InventoryPath));
    }

    [Fact]
    public async Task Up_PulumiStackWithoutPublicKey_RefusesBeforeRunningPulumi()
    {
        var (exitCode, output) = await _workspace.RunAsync("up", "--stack", _workspace.Stack("aws-gcp"), "--key", Path.Combine(_workspace.Root, "missing"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"no public key at {Path.Combine(_workspace.Root, "missing")}.pub", output);
        Assert.False(File.Exists(_log));
    }

    [Fact]
    public async Task Down_PulumiStack_DestroysAndRemovesTheInventory()
    {
        await _workspace.RunAsync("render", "--stack", _workspace.Stack("aws-gcp"));
        Directory.CreateDirectory(Path.GetDirectoryName(InventoryPath)!);
        File.WriteAllText(InventoryPath, "{}");

        var (exitCode, _) = await _workspace.RunAsync("down", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(["destroy --yes --non-interactive --skip-preview --stack aws-gcp"], File.ReadAllLines(_log));
        Assert.False(File.Exists(InventoryPath));
    }

    [Fact]
    public async Task Down_PulumiStackNeverInventoried_DestroysAndExitsOk()
    {
        await _workspace.RunAsync("render", "--stack", _workspace.Stack("aws-gcp"));

        var (exitCode, _) = await _workspace.RunAsync("down", "--stack", _workspace.Stack("aws-gcp"));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(["destroy --yes --non-interactive --skip-preview --stack aws-gcp"], File.ReadAllLines(_log));
    }
}

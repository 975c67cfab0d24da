using System.Runtime.Versioning;
using Ferry.Cli.Smoke;
using Ferry.MigrationSteps.Results;
using Ferry.Provisioning.Processes;
using Ferry.Stacks.Local;

namespace Ferry.Cli.Tests.Commands;

/// <summary>
/// <c>ferry smoke</c> on the twin path: a stand-in <c>pulumi</c> whose <c>up</c> boots the stack's local twin
/// (and, as a real deployment does, lets the operator's key in and leaves the hosts' keys to pin), whose
/// <c>stack output</c> reports the twin's hosts, and whose <c>destroy</c> takes the twin down.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SmokeCommandTests
{
    private const string Name = "fsmk";
    private const string Internet = "10.234.0.0/24";

    [Fact]
    public async Task Smoke_TwinBehindAStandInPulumi_PassesEveryStageMovesTheCounterAndDestroys()
    {
        var state = Environment.GetEnvironmentVariable("FERRY_STATE");
        var path = Environment.GetEnvironmentVariable("PATH");
        using var workspace = new CliWorkspace();
        // The twin's host image is cached under the machine's state; the stand-in needs the machine's tools.
        Environment.SetEnvironmentVariable("FERRY_STATE", state);
        Environment.SetEnvironmentVariable("PATH", $"{Path.Combine(workspace.Root, "bin")}:{path}");
        var stack = workspace.Write($"{Name}.yaml", File.ReadAllText(workspace.Stack("aws-gcp"))
            .Replace("name: aws-gcp", $"name: {Name}", StringComparison.Ordinal)
            .Replace("internet: 10.239.0.0/24", $"internet: {Internet}", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(workspace.Root, "apps"));
        foreach (var app in Directory.GetFiles(Path.Combine(CliWorkspace.RepoRoot, "stacks", "apps")))
        {
            File.Copy(app, Path.Combine(workspace.Root, "apps", Path.GetFileName(app)));
        }

        var key = Path.Combine(workspace.Root, "id_ed25519");
        await Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "smoke-test", "-f", key);
        var knownHosts = Path.Combine(workspace.Root, "known_hosts");
        var log = Path.Combine(workspace.Root, "pulumi.log");
        StandInPulumi(workspace, stack, key, knownHosts, log);
        var output = Path.Combine(workspace.Root, "smoke");
        try
        {
            var (exitCode, printed) = await workspace.RunAsync("smoke", "--stack", stack, "--key", key, "--known-hosts", knownHosts, "--output", output, "--clients", "20", "--pin-wait", "1");

            var result = SmokeResult.FromJson(File.ReadAllText(Assert.Single(Directory.GetFiles(output, "smoke-*.json"))));
            Assert.True(exitCode == ExitCodes.Ok, printed);
            Assert.Equal(SmokeRun.Stages, result.Stages.Select(s => s.Name));
            Assert.All(result.Stages, s => Assert.True(s.Status == SmokeStage.Passed, $"{s.Name}: {s.Status}: {s.Detail}"));
            Assert.True(result.Passed);
            Assert.True(result.Destroyed);
            Assert.Contains("SHA-256 the same on both", result.Stages.Single(s => s.Name == SmokeRun.CrossSite).Detail);
            var moved = MigrationResult.FromJson(File.ReadAllText(Path.Combine(result.MigrationRun!, "result.json")));
            Assert.Equal(MigrationOutcome.Succeeded, moved.Outcome);
            Assert.Equal(0, moved.Probe!.Failed);
            Assert.True(moved.Probe.Requests > 0);
            Assert.Equal(["preview", "up", "stack output", "destroy"],
                File.ReadAllLines(log).Select(l => l.Split(' ')).Where(w => w[0] is "preview" or "up" or "destroy" || w is ["stack", "output", ..]).Select(w => w[0] == "stack" ? "stack output" : w[0]).Distinct());
            // The twin is gone: its namespaces, and its state.
            Assert.DoesNotContain($"{Name}-t", await Run("ip", "netns", "list"));
            Assert.False(Directory.Exists(FerryPaths.Stack($"{Name}-t")));
            // And the cgroups of its hosts, and of the application it moved (named after the cloud stack).
            Assert.DoesNotContain(Directory.GetDirectories("/sys/fs/cgroup"), h => Directory.Exists(Path.Combine(h, $"ferry-{Name}")) || Directory.Exists(Path.Combine(h, $"ferry-{Name}-t")));
            // The VPN's PSK, made by ferry and kept in the stack's state, is in neither the result nor what was printed.
            foreach (var secret in Directory.GetFiles(FerryPaths.Stack(Name), "*psk*", SearchOption.AllDirectories).Select(File.ReadAllText).Select(s => s.Trim()))
            {
                Assert.DoesNotContain(secret, File.ReadAllText(Directory.GetFiles(output, "smoke-*.json")[0]));
                Assert.DoesNotContain(secret, printed);
            }
        }
        finally
        {
            await Run("dotnet", Path.Combine(AppContext.BaseDirectory, "ferry.dll"), "down", "--stack", stack, "--twin");
            if (Directory.Exists(FerryPaths.Stack(Name)))
            {
                Directory.Delete(FerryPaths.Stack(Name), recursive: true);
            }
        }
    }

    [Fact]
    public async Task Smoke_PulumiUpFails_NamesTheStageSkipsTheRestAndStillDestroys()
    {
        using var workspace = new CliWorkspace();
        var key = workspace.KeyPair();
        var log = Path.Combine(workspace.Root, "pulumi.log");
        var script = Path.Combine(workspace.Root, "bin", "pulumi");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            echo "$*" >> '{{log}}'
            case "$1" in
              config) /bin/cat >/dev/null ;;
              up) echo "error: creating EC2 Instance: VcpuLimitExceeded" >&2; exit 255 ;;
            esac

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = Path.Combine(workspace.Root, "smoke");

        var (exitCode, printed) = await workspace.RunAsync("smoke", "--stack", workspace.Stack("aws-gcp"), "--key", key, "--known-hosts", Path.Combine(workspace.Root, "kh"), "--output", output);

        Assert.Equal(ExitCodes.Failed, exitCode);
        var result = SmokeResult.FromJson(File.ReadAllText(Assert.Single(Directory.GetFiles(output, "smoke-aws-gcp-*.json"))));
        Assert.False(result.Passed);
        Assert.True(result.Stages[0].Status == SmokeStage.Passed, result.Stages[0].Detail);
        Assert.Equal(
            [SmokeStage.Passed, SmokeStage.Failed, SmokeStage.Skipped, SmokeStage.Skipped, SmokeStage.Skipped, SmokeStage.Skipped, SmokeStage.Passed],
            result.Stages.Select(s => s.Status));
        Assert.Contains("VcpuLimitExceeded", result.Stages[1].Detail);
        Assert.Null(result.Stages[2].Seconds);
        Assert.True(result.Destroyed);
        Assert.Equal("destroy --yes --non-interactive --skip-preview --stack aws-gcp", File.ReadAllLines(log).Last());
        Assert.Contains("smoke FAILED", printed);
    }

    [Fact]
    public async Task Smoke_LocalStack_IsRefusedNamingTheField()
    {
        using var workspace = new CliWorkspace();

        var (exitCode, printed) = await workspace.RunAsync("smoke", "--stack", workspace.Stack("local"), "--known-hosts", "kh");

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("is kind: local; smoke deploys real clouds (kind: pulumi)", printed);
    }

    private static void StandInPulumi(CliWorkspace workspace, string stack, string key, string knownHosts, string log)
    {
        var ferry = $"dotnet {Path.Combine(AppContext.BaseDirectory, "ferry.dll")}";
        var inventory = FerryPaths.Inventory($"{Name}-t");
        var script = Path.Combine(workspace.Root, "bin", "pulumi");
        File.WriteAllText(script, $$"""
            #!/bin/bash
            set -euo pipefail
            echo "$*" >> '{{log}}'
            case "$1 ${2:-}" in
              "config set") cat >/dev/null ;;
              "up "*)
                {{ferry}} up --stack '{{stack}}' --twin
                # What the operator does after first boot: pin each host's key (here read from the twin's disks).
                python3 -c 'import json, sys; print("\n".join(h["knownHostsLine"] for h in json.load(open(sys.argv[1]))["hosts"]))' '{{inventory}}' > '{{knownHosts}}'
                # What the cloud does with the sshPublicKey config: the admin user accepts the operator's key.
                python3 - '{{inventory}}' <<'PY' | while read -r user ip; do
            import json, sys
            for h in json.load(open(sys.argv[1]))["hosts"]:
                print(h["user"], h["publicIp"])
            PY
                  ssh -n -i '{{FerryPaths.Stack($"{Name}-t")}}/id_ed25519' -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile='{{knownHosts}}' "$user@$ip" \
                    "echo '$(cat '{{key}}.pub')' >> ~/.ssh/authorized_keys"
                done
                ;;
              "stack output")
                python3 - '{{inventory}}' '{{Name}}' <<'PY'
            import json, sys
            hosts = json.load(open(sys.argv[1]))["hosts"]
            print(json.dumps({"stack": sys.argv[2], "sshUser": hosts[0]["user"], "hosts": {
                h["name"]: {"role": str(h["role"]).lower(), "site": h["site"], "publicIp": h["publicIp"], "privateIp": h["privateIp"]} for h in hosts} }))
            PY
                ;;
              "destroy "*) {{ferry}} down --stack '{{stack}}' --twin ;;
            esac

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task<string> Run(string program, params string[] args)
    {
        var result = await ProcessRunner.RunAsync(program, args);
        return result.StandardOutput + result.StandardError;
    }
}

using System.Globalization;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Integration;
using Ferry.Provisioning.Processes;

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>A local cloud with the counter deployed, and a way into each host that needs neither ssh nor the host's own processes.</summary>
public sealed class FaultFixture() : AppStack("ffault", "10.241.0.0/24")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Deployer.DeployAsync(Counter, "aws-w1");
    }

    public static string Other(string host) => host == "aws-w1" ? "gcp-w1" : "aws-w1";

    public Task<MigrationResult> MigrateAsync(StrategyKind strategy, Action<StepEvent> progress)
    {
        var from = Where("counter");
        return Recorder.RecordAsync(Migrator, new MigrationRequest(Counter, from, Other(from), strategy), progress);
    }

    /// <summary>Runs a shell command inside a host's namespaces from the machine itself (works while its sshd is cut off or dead).</summary>
    public async Task<string> EnterAsync(string host, string script)
    {
        var bootPid = (await File.ReadAllTextAsync(Path.Combine(Cloud.HostDirectory(host), "pid"))).Trim();
        var init = (await ProcessRunner.RunAsync("pgrep", ["-P", bootPid])).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        var result = await ProcessRunner.RunAsync("nsenter", ["-t", init, "-m", "-u", "-i", "-n", "-p", "--", "sh", "-c", script]);
        Assert.True(result.ExitCode == 0, $"{host}: {script} exited {result.ExitCode}: {result.StandardError}");
        return result.StandardOutput.Trim();
    }

    /// <summary>The counter's value, read through the front (so a front still holding requests fails here).</summary>
    public async Task<long> PeekAsync() =>
        long.Parse(await RunAsync("client", "curl", "-sS", "-m", "10", "http://10.251.0.100/peek"), CultureInfo.InvariantCulture);

    /// <summary>What a move may leave on a workload host: the app's containers and network namespaces, images, the move's nftables tables and port claims.</summary>
    public Task<string> RemainsAsync(string host) => EnterAsync(host,
        "runc list -q | grep '^counter-' ; ip netns list | grep -o 'ctr-counter-[^ ]*' ; ls /var/lib/ferry/migrate 2>/dev/null | grep . ; " +
        "nft list tables 2>/dev/null | grep -E 'ferry_(port|sent)_' ; grep -h ' /var/lib/ferry/migrate' /proc/mounts ; true");
}

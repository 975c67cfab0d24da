using System.Diagnostics;
using System.Globalization;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;
using Xunit.Abstractions;

namespace Ferry.Provisioning.Tests.Ssh;

/// <summary>Per-call cost of a short script: SshNetShell against the OpenSSH client with a ControlMaster, as ferry ran scripts before.</summary>
[Collection(SshCollection.Name)]
public sealed class SshLatencyTests(SshFixture cloud, ITestOutputHelper output) : IDisposable
{
    private const int Calls = 20;
    private readonly string _state = Directory.CreateTempSubdirectory("ferry-cm-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task TwentyEchoes_SshNetShellPerCallMedian_IsReported()
    {
        var host = cloud.Inventory.Host("gcp-gw");
        await using var shell = new SshNetShell();
        await shell.RunScriptAsync(host, "true");
        var sshNet = await MedianAsync(async i => (await shell.RunScriptAsync(host, $"echo {i}")).StandardOutput);

        var knownHosts = Path.Combine(_state, "known_hosts");
        await File.WriteAllTextAsync(knownHosts, host.KnownHostsLine + "\n");
        string[] options =
        [
            "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={knownHosts}",
            "-o", "IdentitiesOnly=yes", "-o", "ControlMaster=auto", "-o", $"ControlPath={_state}/%C", "-o", "ControlPersist=30",
            "-o", "LogLevel=ERROR", "-i", host.KeyPath, "-p", host.SshPort.ToString(CultureInfo.InvariantCulture), "-l", host.User,
        ];
        try
        {
            await ProcessRunner.RunAsync("ssh", [.. options, host.SshHost, "--", "bash", "-s"], standardInput: "true\n");
            var openSsh = await MedianAsync(async i => (await ProcessRunner.RunAsync("ssh", [.. options, host.SshHost, "--", "bash", "-s"], standardInput: $"echo {i}\n")).StandardOutput);
            output.WriteLine($"median per call over {Calls} sequential echo scripts: SSH.NET {sshNet.TotalMilliseconds:F1} ms, OpenSSH ControlMaster {openSsh.TotalMilliseconds:F1} ms");
        }
        finally
        {
            await ProcessRunner.RunAsync("ssh", [.. options, "-O", "exit", host.SshHost]);
        }
    }

    private static async Task<TimeSpan> MedianAsync(Func<int, Task<string>> call)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Calls; i++)
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal($"{i}\n", await call(i));
            times.Add(clock.Elapsed);
        }

        times.Sort();
        return (times[Calls / 2 - 1] + times[Calls / 2]) / 2;
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Ferry.Cli.Tests.Dashboard;

/// <summary><c>ferry dashboard</c> as a user starts it: the built binary, its printed URL, Ctrl-C, and what it wrote.</summary>
public sealed partial class DashboardCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ferry-dashcmd-").FullName;

    [Fact]
    public async Task Dashboard_PrintsTheUrlWithItsToken_OnLoopback_AndLogsTheTokenNowhereElse()
    {
        // Through env, which gives it SIGINT's default handling: a test run started in the background by a
        // non-interactive shell ignores SIGINT, and its children would inherit that.
        var start = new ProcessStartInfo("/usr/bin/env")
        {
            ArgumentList = { "--default-signal=INT", Path.Combine(AppContext.BaseDirectory, "ferry"), "dashboard", "--stack", Path.Combine(CliWorkspace.RepoRoot, "stacks", "local.yaml"), "--port", "0", "--runs", Path.Combine(_root, "runs") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        start.Environment["FERRY_STATE"] = Path.Combine(_root, "state");
        using var process = Process.Start(start)!;
        try
        {
            await UseAndStopAsync(process);
        }
        finally
        {
            // A failed assertion must not leave the server running (it would hold the ports, and whatever it inherited).
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task UseAndStopAsync(Process process)
    {
        var stderr = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? "";
        var match = UrlPattern().Match(first);
        Assert.True(match.Success, $"the first line is not 'dashboard: http://127.0.0.1:PORT/?token=…': {first}");
        var token = match.Groups["token"].Value;
        Assert.Equal(48, token.Length);

        using var http = new HttpClient { BaseAddress = new Uri(match.Groups["base"].Value) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/?token={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/runs")).StatusCode);
        var down = await http.GetAsync($"/api/inventory?token={token}");
        Assert.Equal(HttpStatusCode.Conflict, down.StatusCode);
        Assert.Contains("run 'ferry up' first", await down.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync($"/api/migrations?token={token}", new StringContent("{"))).StatusCode);

        // Ctrl-C, as a user stops it.
        using (var kill = Process.Start("/bin/kill", ["-INT", process.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var output = first + "\n" + await process.StandardOutput.ReadToEndAsync() + await stderr;
        Assert.Equal(0, process.ExitCode);
        Assert.Single(Regex.Matches(output, token));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [GeneratedRegex(@"^dashboard: (?<base>http://127\.0\.0\.1:[0-9]+)/\?token=(?<token>[0-9a-f]+)$")]
    private static partial Regex UrlPattern();
}

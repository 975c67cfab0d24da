using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Ferry.MigrationSteps.Tests.Support;

namespace Ferry.MigrationSteps.Tests.Templates;

/// <summary>
/// The health check that ends a move's downtime (partials/wait-answer.sh), run by bash against a local
/// server whose first connection never answers, as a connection whose SYN was lost on a route just switched
/// does not: the next try starts while that one still waits, and the tries still waiting are stopped, and
/// their fifo removed, once one has answered.
/// </summary>
public sealed class WaitAnswerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ferry-wait-answer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WaitAnswer_FirstTryNeverAnswered_AnotherStartsMeanwhileAndTheFirstIsStopped()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var script = Path.Combine(_directory, "wait.sh");
        File.WriteAllText(script, string.Join('\n',
            "set -euo pipefail",
            TestModel.Templates.Render("partials/wait.sh", new { }),
            $"id=redis; address=127.0.0.1; port={port}; health_http=; health_send=$'PING\\r\\n'; health_expect=+PONG",
            TestModel.Templates.Render("partials/wait-answer.sh", new { }),
            "echo answered"));
        var scratch = Directory.CreateDirectory(Path.Combine(_directory, "tmp")).FullName;
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TMPDIR"] = scratch;
        using var bash = Process.Start(start)!;

        using var silent = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        using var answered = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var firstStillOpen = !Closed(silent.Client);
        var stream = answered.GetStream();
        var request = new byte[64];
        var read = await stream.ReadAsync(request).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("PING\r\n", Encoding.ASCII.GetString(request, 0, read));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("+PONG\r\n"));

        var output = await bash.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var errors = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, errors);
        Assert.Equal("answered\n", output);
        Assert.True(firstStillOpen, "the second try started only after the first had given up");
        // The try that never got an answer was stopped with the script, not left to run out its time.
        // (Its own time would run out 2 s after it began, over a second after the check ended.)
        Assert.True(Closed(silent.Client, TimeSpan.FromSeconds(1)), "the unanswered try still holds its connection after the check ended");
        // And its fifo is gone with it.
        for (var i = 0; i < 100 && Directory.EnumerateFileSystemEntries(scratch).Any(); i++)
        {
            await Task.Delay(10);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch));
    }

    /// <summary>Whether the peer closed the connection (readable with nothing left to read once what it sent is read), waiting up to <paramref name="wait"/>.</summary>
    private static bool Closed(Socket socket, TimeSpan wait = default)
    {
        var deadline = DateTime.UtcNow + wait;
        var buffer = new byte[256];
        while (socket.Poll(deadline - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero, SelectMode.SelectRead))
        {
            if (socket.Available == 0)
            {
                return true;
            }

            socket.Receive(buffer);
        }

        return false;
    }
}

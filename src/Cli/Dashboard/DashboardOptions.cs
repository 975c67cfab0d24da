using System.Net;

namespace Ferry.Cli.Dashboard;

/// <summary>What <c>ferry dashboard</c> serves and where.</summary>
/// <param name="StackPath">The stack file, as for every other command.</param>
/// <param name="Bind">The address to listen on; 127.0.0.1 unless the user asks for another.</param>
/// <param name="Port">The TCP port; 0 picks a free one (the printed URL says which).</param>
/// <param name="RunsDirectory">Where runs/&lt;id&gt;/ are read from and written to, as for <c>ferry migrate --runs</c>.</param>
/// <param name="Twin">Whether it shows the stack's local twin (<c>--twin</c>) rather than its real clouds.</param>
public sealed record DashboardOptions(string StackPath, IPAddress Bind, int Port, string RunsDirectory, bool Twin = false)
{
    /// <summary>The options from the command line's words, refused with the option's name and what it takes.</summary>
    public static DashboardOptions Parse(string stackPath, string bind, int port, string runsDirectory, bool twin = false)
    {
        if (!IPAddress.TryParse(bind, out var address))
        {
            throw new UsageException($"--bind: expected an IP address such as 127.0.0.1, got '{bind}'");
        }

        if (port is < 0 or > 65535)
        {
            throw new UsageException($"--port: expected 0..65535 (0 picks a free port), got {port}");
        }

        return new DashboardOptions(stackPath, address, port, runsDirectory, twin);
    }
}

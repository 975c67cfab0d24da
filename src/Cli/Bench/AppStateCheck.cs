using System.Globalization;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Probe;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.Cli.Bench;

/// <summary>
/// What must survive a move of the bench's applications, read from the client host at the application's
/// own address (the route follows the container): the counter's value, which grows by exactly the probe's
/// answered requests; redis's key count and a checksum of every key and value, which must not change; the
/// reader's checksum over one byte of every page of its data, which must not change, and its request count,
/// which grows by the answered requests and the check's own; for an app whose probe posts comments
/// (wordpress), how many comments are stored, which grows by at least every acknowledged one, each of which
/// the probe found afterwards.
/// </summary>
public sealed class AppStateCheck(SshNetShell ssh, InventoryHost client)
{
    private const string Checksum =
        "local keys = redis.call('KEYS', '*') table.sort(keys) local acc = '' " +
        "for _, k in ipairs(keys) do acc = redis.sha1hex(acc .. k .. redis.call('GET', k)) end return #keys .. ' keys, sha1 ' .. acc";

    public Task<string> ReadAsync(AppDefinition app)
    {
        var c = app.Containers[0];
        if (app.Name == "counter")
        {
            return AskAsync(["curl", "-sS", "-m", "10", $"http://{c.Address}:{c.Ports[0]}/peek"]);
        }

        if (app.Name == "reader")
        {
            return AskAsync(["curl", "-sS", "-m", "60", $"http://{c.Address}:{c.Ports[0]}/"]);
        }

        if (Commented(app) is { } web)
        {
            // How many comments are stored (the probe itself checks every one it was acknowledged).
            return AskAsync(["sh", "-c", "set -o pipefail; curl -sS -f -m 60 \"$0\" | wc -l", $"http://{web.Address}:{web.Ports[0]}{web.Probe!.Comments!.ListPath}"]);
        }

        return IsRedis(app)
            ? AskAsync(["redis-cli", "-h", c.Address, "-p", c.Ports[0].ToString(CultureInfo.InvariantCulture), "EVAL", Checksum, "0"])
            : throw new ArgumentException($"the bench checks the state of counter, reader, redis-server apps and apps whose probe posts comments only, not {app.Name}", nameof(app));
    }

    private static ContainerDefinition? Commented(AppDefinition app) => app.Containers.FirstOrDefault(c => c.Probe?.Comments is not null);

    private static bool IsRedis(AppDefinition app) => app.Containers is [{ Command: ["redis-server", ..] }];

    /// <returns>Null when the state survived, else what differs.</returns>
    public static string? Verdict(AppDefinition app, string before, string after, ProbeSummary? probe)
    {
        // A request the client gave up on may still have been counted by the app, so a count may grow by the
        // answered requests plus at most the failed ones; answered ones must all be there.
        var (answered, unanswered) = (probe?.Succeeded ?? 0, probe?.Failed ?? 0);
        bool Counted(long was, long now, int own) => now - was - own >= answered && now - was - own <= answered + unanswered;
        var failedNote = unanswered > 0 ? $" ({unanswered} failed)" : "";
        if (app.Name == "counter")
        {
            return long.TryParse(before, out var b) && long.TryParse(after, out var a) && Counted(b, a, 0)
                ? null
                : $"counter was {before}, {answered} requests answered{failedNote}, now {after}";
        }

        if (app.Name == "reader")
        {
            // "COUNT MIB CRC": the check itself is one more request.
            var (b, a) = (before.Split(' '), after.Split(' '));
            return b.Length == 3 && a.Length == 3 && long.TryParse(b[0], out var nb) && long.TryParse(a[0], out var na)
                && Counted(nb, na, 1) && a[1] == b[1] && a[2] == b[2]
                ? null
                : $"reader was '{before}', {answered} requests answered{failedNote}, now '{after}'";
        }

        if (Commented(app) is not null)
        {
            var acknowledged = probe?.Writes?.Acknowledged ?? 0;
            return probe?.Writes is { Kept: false } writes
                ? $"comments: {writes.Describe()}"
                : long.TryParse(before, out var b) && long.TryParse(after, out var a) && a >= b + acknowledged
                    ? null
                    : $"{before} comments before, {acknowledged} acknowledged, {after} after";
        }

        return before == after ? null : $"redis was '{before}', now '{after}'";
    }

    private async Task<string> AskAsync(string[] command)
    {
        var script = string.Join(' ', command.Select(ShellQuote.Quote));
        var result = await ssh.RunScriptAsync(client, script, timeout: Timeouts.Query);
        return result.Succeeded ? result.StandardOutput.Trim() : throw new RemoteTaskException($"{client.Name}: {script} failed (exit {result.ExitCode}): {result.Tail(3)}", result);
    }
}

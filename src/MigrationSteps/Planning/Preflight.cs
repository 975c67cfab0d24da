using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Hosts;

namespace Ferry.MigrationSteps.Planning;

/// <summary>Decides, from both hosts' capabilities, whether a migration may start.</summary>
public static class Preflight
{
    private const long DiskMarginMb = 256;

    /// <returns>Problems that refuse the migration; empty when it may go ahead.</returns>
    public static IReadOnlyList<string> Problems(AppDefinition app, IReadOnlyList<string> ids, HostCapabilities source, HostCapabilities target)
    {
        var problems = new List<string>();
        foreach (var host in new[] { source, target })
        {
            if (host.CriuVersion.Length == 0)
            {
                problems.Add($"{host.Host}: criu is not installed");
            }
            else if (!Version.TryParse(host.CriuVersion, out var v) || v < new Version(4, 2))
            {
                problems.Add($"{host.Host}: criu {host.CriuVersion} is too old; 4.2 or later is needed to dump TCP sockets on current kernels");
            }

            if (host.RuncVersion.Length == 0)
            {
                problems.Add($"{host.Host}: runc is not installed");
            }

            if (host.CriuCheck != "ok")
            {
                problems.Add($"{host.Host}: 'criu check' fails: {host.CriuCheck}");
            }
        }

        foreach (var id in ids)
        {
            var state = source.Containers.GetValueOrDefault(id, "absent");
            if (state != "running")
            {
                problems.Add($"{source.Host}: container {id} is {state}, not running; nothing to migrate");
            }

            if (target.Containers.GetValueOrDefault(id, "absent") != "absent")
            {
                problems.Add($"{target.Host}: a container {id} already exists there; remove it first");
            }
        }

        var missing = MissingCpuFlags(source.CpuFlags, target.CpuFlags);
        if (missing.Count > 0)
        {
            problems.Add($"{target.Host}: its CPU lacks flags the source's processes may use: {string.Join(' ', missing.Take(12))}{(missing.Count > 12 ? " …" : "")}");
        }

        var memory = app.Containers.Sum(c => (long)c.MemoryMb);
        if (target.MemAvailableMb < memory)
        {
            problems.Add($"{target.Host}: {target.MemAvailableMb} MiB of memory available, the application may use {memory} MiB");
        }

        if (target.DiskAvailableMb < memory + DiskMarginMb)
        {
            problems.Add($"{target.Host}: {target.DiskAvailableMb} MiB free under /var/lib/ferry/migrate, the checkpoint may need {memory + DiskMarginMb} MiB");
        }

        return problems;
    }

    /// <summary>The source's CPU flags the target lacks: a move is allowed only when there are none (a restored process may use any of them).</summary>
    public static IReadOnlyList<string> MissingCpuFlags(IEnumerable<string> source, IEnumerable<string> target) =>
        source.Except(target).Order(StringComparer.Ordinal).ToList();
}

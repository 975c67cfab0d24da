using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Strategies;

/// <summary>
/// Post-copy: the target restores from everything but memory, and its lazy-pages daemon fetches pages on
/// demand from the source's dump process, which stays up until it has served the last one.
/// </summary>
public sealed class LazyStrategy : MigrationStrategy
{
    public override StrategyKind Kind => StrategyKind.Lazy;

    public override StrategyPartials Partials { get; } = new(
        "strategies/lazy/dump.sh",
        Restore: "strategies/lazy/restore.sh",
        SourceDone: "strategies/lazy/source-done.sh",
        TargetDone: "strategies/lazy/target-done.sh");

    public override string? Unsupported(HostCapabilities source, HostCapabilities target) =>
        source.CanLazy && target.CanLazy
            ? null
            : $"strategy lazy needs userfaultfd and a pipe-max-size of at least {HostCapabilities.LazyPipeSize} on both hosts ({Describe(source)}; {Describe(target)}); use --strategy auto";

    /// <summary>Every page must have left the source, reached the target, and the app must answer with all of them.</summary>
    public override string? Unfinished(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> sourceCleanup, IReadOnlyDictionary<string, string> targetCleanup)
    {
        var served = ScriptOutput.WithPrefix(sourceCleanup, OutputKeys.LazySourceExit);
        var fetched = ScriptOutput.WithPrefix(targetCleanup, OutputKeys.LazyTargetExit);
        var answered = ScriptOutput.WithPrefix(targetCleanup, OutputKeys.PostCopyAnswer);
        var problems = new List<string>();
        foreach (var id in ids)
        {
            if (served.GetValueOrDefault(id) is var source && source != "0")
            {
                problems.Add($"{id}: the source's page server {(source is null ? "did not finish" : $"exited {source}")}");
            }

            if (fetched.GetValueOrDefault(id) is var target && target != "0")
            {
                problems.Add($"{id}: the target's lazy-pages daemon {(target is null ? "did not finish" : $"exited {target}")}");
            }

            if (answered.GetValueOrDefault(id) != "yes")
            {
                problems.Add($"{id}: no answer to its health check after the last page");
            }
        }

        return problems.Count == 0 ? null : "post-copy did not complete: " + string.Join("; ", problems);
    }

    private static string Describe(HostCapabilities h) => $"{h.Host}: userfaultfd {(h.Userfaultfd ? "yes" : "no")}, pipe-max-size {h.PipeMaxSize}";
}

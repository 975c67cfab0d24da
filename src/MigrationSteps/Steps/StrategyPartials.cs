namespace Ferry.MigrationSteps.Steps;

/// <summary>
/// The templates a strategy contributes to the generic steps (paths under templates/). Each runs once per
/// container with the shell variables the including step sets (id, bundle, images, target, page_port, …).
/// </summary>
/// <param name="Dump">checkpoint: dumps $id into $images.</param>
/// <param name="DumpSetup">checkpoint, before the freeze: what the dump needs that does not need the application frozen.</param>
/// <param name="Restore">restore and rollback-source: restores $id from $images.</param>
/// <param name="PrepareTarget">prepare-target: what the target needs before the dump (a page server).</param>
/// <param name="PreDump">pre-dump: memory shipped while the application runs; sets $sent.</param>
/// <param name="RollbackFetch">rollback-source: what must come back to the source before it restores.</param>
/// <param name="SourceDone">cleanup-source: waits until the strategy is done with the source.</param>
/// <param name="TargetDone">post-copy (a forward step only strategies with this partial have): waits until the strategy is done on the target, and fails unless it finished.</param>
/// <param name="Transfer">transfer: ships $images to the target and sets $sent (default: rsync of every image).</param>
public sealed record StrategyPartials(
    string Dump,
    string Restore = StrategyPartials.PlainRestore,
    string? PrepareTarget = null,
    string? PreDump = null,
    string? RollbackFetch = null,
    string? SourceDone = null,
    string? TargetDone = null,
    string? DumpSetup = null,
    string? Transfer = null)
{
    public const string PlainRestore = "partials/container-restore.sh";
}

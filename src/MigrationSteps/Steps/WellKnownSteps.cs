namespace Ferry.MigrationSteps.Steps;

/// <summary>The names of every step a plan can contain.</summary>
public static class WellKnownSteps
{
    public const string Preflight = "preflight";
    public const string PrepareTarget = "prepare-target";
    public const string Hold = "hold";
    public const string Release = "release";
    public const string PreDump = "pre-dump";
    public const string Checkpoint = "checkpoint";
    public const string Transfer = "transfer";
    public const string Restore = "restore";
    public const string CutOver = "cut-over";
    public const string CleanupSource = "cleanup-source";
    public const string CleanupTarget = "cleanup-target";
    public const string RollbackSource = "rollback-source";
    public const string RollbackTarget = "rollback-target";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        Preflight, PrepareTarget, Hold, Release, PreDump, Checkpoint, Transfer, Restore, CutOver,
        CleanupSource, CleanupTarget, RollbackSource, RollbackTarget,
    };

    /// <summary>The template each step renders, under templates/.</summary>
    public static string Template(string name) => $"migrate/{name}.sh";
}

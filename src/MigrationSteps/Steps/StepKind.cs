using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Steps;

/// <summary>Every kind of step a plan can contain; each renders templates/migrate/KIND.sh (kebab-case).</summary>
[JsonConverter(typeof(StepKindJsonConverter))]
public enum StepKind
{
    Preflight,
    PrepareTarget,
    PreDump,
    Hold,
    Checkpoint,
    Transfer,
    Restore,
    CutOver,
    PostCopy,
    RouteBack,
    RollbackSource,
    RollbackTarget,
    Release,
    CleanupSource,
    CleanupTarget,
}

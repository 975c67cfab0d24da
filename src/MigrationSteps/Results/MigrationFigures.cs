using System.Globalization;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Results;

/// <summary>
/// The timed figures of a migration from its steps' reports, for the result and for anyone watching the
/// steps as they end (the dashboard shows the downtime as soon as the cut-over reports). Each figure only
/// where both of its ends were measured: a missing figure is null, never zero.
/// </summary>
public static class MigrationFigures
{
    /// <summary>Checkpoint start → a process runs again with the state: on the target, or back on the source after a rollback.</summary>
    public static double? FreezeSeconds(IEnumerable<StepResult> steps)
    {
        var list = steps.ToList();
        return Between(Time(list, StepKind.Checkpoint, OutputKeys.FreezeStart),
            Time(list, StepKind.Restore, OutputKeys.RestoredAt) ?? Time(list, StepKind.RollbackSource, OutputKeys.ResumedAt));
    }

    /// <summary>Checkpoint start → the application answers its health check: through the new route, or on the source again.</summary>
    public static double? DowntimeSeconds(IEnumerable<StepResult> steps)
    {
        var list = steps.ToList();
        return Between(Time(list, StepKind.Checkpoint, OutputKeys.FreezeStart),
            Time(list, StepKind.CutOver, OutputKeys.AnsweringAt) ?? Time(list, StepKind.RollbackSource, OutputKeys.ResumedAt));
    }

    /// <summary>Post-copy: restored, but its memory still arrives page by page until the source has served the last one.</summary>
    public static double? DegradedSeconds(IEnumerable<StepResult> steps)
    {
        var list = steps.ToList();
        return Between(Time(list, StepKind.Restore, OutputKeys.RestoredAt), Time(list, StepKind.CleanupSource, OutputKeys.LazySourceDoneAt));
    }

    private static double? Time(IReadOnlyList<StepResult> steps, StepKind step, string key) =>
        steps.Where(s => s.Kind == step).Select(s => s.Metrics.GetValueOrDefault(key)).FirstOrDefault(v => v is not null) is { } text
            ? double.Parse(text, CultureInfo.InvariantCulture) : null;

    private static double? Between(double? from, double? to) => from is { } a && to is { } b ? Math.Round(b - a, 4) : null;
}

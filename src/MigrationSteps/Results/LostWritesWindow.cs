using System.Globalization;
using System.Text.Json.Serialization;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Results;

/// <summary>
/// A move rolled back after its restore: from the restore on the target until the target stopped, the
/// application there may have acknowledged writes that the source, resumed from its state at the freeze,
/// never saw. Both ends are the target's clock.
/// </summary>
public sealed record LostWritesWindow(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To)
{
    [JsonPropertyName("seconds")]
    public double Seconds => Math.Round((To - From).TotalSeconds, 3);

    /// <summary>The window of a run whose restore succeeded and whose rollback stopped the target, else null.</summary>
    public static LostWritesWindow? Of(IReadOnlyList<StepResult> steps, string target)
    {
        DateTimeOffset? At(StepKind kind, string key) =>
            steps.FirstOrDefault(s => s.Kind == kind && s.Status == StepStatus.Succeeded)?.Metrics.GetValueOrDefault(key) is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
                : null;

        var restored = At(StepKind.Restore, OutputKeys.RestoredAt);
        if (restored is null)
        {
            return null;
        }

        // A rollback-target that failed still reports when it stopped the container; without it, the window is open at its end.
        var stopped = steps.FirstOrDefault(s => s.Kind == StepKind.RollbackTarget)?.Metrics.GetValueOrDefault(OutputKeys.TargetStoppedAt) is { } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var at)
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)(at * 1000))
                : steps.Max(s => s.EndedAt) ?? restored.Value;
        return new LostWritesWindow(target, restored.Value, stopped);
    }

    public string Describe() =>
        $"writes the application acknowledged on {Host} from its restore at {From.UtcDateTime:HH:mm:ss.fff} to its stop at {To.UtcDateTime:HH:mm:ss.fff} UTC " +
        $"({Seconds.ToString(CultureInfo.InvariantCulture)} s) are lost: the source resumed with its state at the freeze";
}

using System.Globalization;
using Ferry.Cli.Dashboard;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Scripts;

namespace Ferry.Cli.Tests.Dashboard;

public sealed class MoveTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OnStep_CutOverReported_DowntimeFollowsAtOnce_AndALateWatcherGetsEverythingInOrder()
    {
        var move = new Move("run-1", "counter", "aws-w1", "gcp-w1", "cold", 0);
        var early = move.Watch();
        move.OnStep(new StepEvent("checkpoint@aws-w1", StepEventPhase.Started));
        move.OnStep(Finished(StepKind.Checkpoint, "aws-w1", StepRole.Source, (OutputKeys.FreezeStart, 100.0)));
        move.OnStep(new StepEvent("checkpoint@aws-w1", StepEventPhase.Output, "a line the script printed"));
        move.OnStep(Finished(StepKind.Restore, "gcp-w1", StepRole.Target, (OutputKeys.RestoredAt, 100.4)));
        move.OnStep(Finished(StepKind.CutOver, "front", StepRole.Router, (OutputKeys.AnsweringAt, 100.75)));
        move.OnStep(Finished(StepKind.CleanupSource, "aws-w1", StepRole.Source));
        move.Fail("the source's host went away");

        var late = move.Watch();
        var seen = new List<string>();
        await foreach (var (sequence, e) in late.ReadAllAsync())
        {
            Assert.Equal(seen.Count, sequence);
            seen.Add($"{e.Type} {e.Json}");
        }

        Assert.Equal(
        [
            "step checkpoint started",
            "step checkpoint finished succeeded",
            "step restore finished succeeded",
            "figure freeze 0.4",
            "step cut-over finished succeeded",
            "figure downtime 0.75",
            "step cleanup-source finished succeeded",
            "error the source's host went away",
        ], seen.Select(Describe));
        Assert.Equal(seen.Count, (await early.ReadAllAsync().ToListAsync()).Count);
        Assert.True(move.Ended);
    }

    private static StepEvent Finished(StepKind kind, string host, StepRole role, params (string Key, double Value)[] metrics)
    {
        var result = new StepResult(kind, host, role, StepStatus.Succeeded, T0, T0.AddSeconds(0.25), 0,
            metrics.ToDictionary(m => m.Key, m => m.Value.ToString(CultureInfo.InvariantCulture)), null, null);
        return new StepEvent(result.Id, StepEventPhase.Finished, Result: result);
    }

    private static string Describe(string e)
    {
        var (type, json) = (e[..e.IndexOf(' ')], System.Text.Json.JsonDocument.Parse(e[(e.IndexOf(' ') + 1)..]).RootElement);
        string Get(string name) => json.TryGetProperty(name, out var v) ? v.ToString() : "";
        return type switch
        {
            "step" => string.Join(' ', new[] { type, Get("step"), Get("phase"), Get("status") }.Where(p => p.Length > 0)),
            "figure" => $"{type} {Get("name")} {Get("seconds")}",
            _ => $"{type} {Get("message")}",
        };
    }
}

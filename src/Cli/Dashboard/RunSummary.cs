using System.Text.Json.Serialization;
using Ferry.MigrationSteps.Results;

namespace Ferry.Cli.Dashboard;

/// <summary>One past run in <c>GET /api/runs</c>: its figures from result.json; the whole document is at <c>/api/runs/{id}</c>.</summary>
public sealed record RunSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("app")] string App,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("strategy")] string Strategy,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("runningOn")] string? RunningOn,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("startedAt")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("freezeSeconds")] double? FreezeSeconds,
    [property: JsonPropertyName("downtimeSeconds")] double? DowntimeSeconds,
    [property: JsonPropertyName("migrationSeconds")] double? MigrationSeconds,
    [property: JsonPropertyName("totalSeconds")] double TotalSeconds,
    [property: JsonPropertyName("bytesSent")] long BytesSent,
    [property: JsonPropertyName("requests")] int? Requests,
    [property: JsonPropertyName("failed")] int? Failed)
{
    public static RunSummary Of(MigrationResult r) => new(
        r.Id, r.App, r.From, r.To, r.Strategy, System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(r.Outcome.ToString()), r.RunningOn, r.Reason,
        r.StartedAt, r.FreezeSeconds, r.DowntimeSeconds, r.MigrationSeconds, r.TotalSeconds, r.BytesSent, r.Probe?.Requests, r.Probe?.Failed);
}

using System.Globalization;

namespace Ferry.Cli.Bench;

/// <summary>One measured migration. <paramref name="Outcome"/> is failed when the move succeeded but its state check did not.</summary>
public sealed record BenchRow(
    string App, string Link, int SizeMb, string Strategy, int Clients, int Repetition, string Outcome,
    double? FreezeSeconds, double? DowntimeSeconds, double? DegradedSeconds, double? MigrationSeconds, double TotalSeconds, long BytesSent, double? OverheadSeconds,
    int? Requests, int? Failed, double? ClientGapSeconds, double? P99Ms, double? DegradedP99Ms, string State)
{
    public const string Header = "app,link,size_mb,strategy,clients,repetition,outcome,freeze_s,downtime_s,degraded_s,migration_s,total_s,bytes_sent,overhead_s,requests,failed,client_gap_s,p99_ms,degraded_p99_ms,state";

    public string ToCsv() => string.Join(',',
        App, Link, SizeMb, Strategy, Clients, Repetition, Outcome, F(FreezeSeconds), F(DowntimeSeconds), F(DegradedSeconds), F(MigrationSeconds), F(TotalSeconds), BytesSent, F(OverheadSeconds),
        Requests?.ToString() ?? "", Failed?.ToString() ?? "", F(ClientGapSeconds), F(P99Ms), F(DegradedP99Ms), '"' + State.Replace("\"", "'") + '"');

    private static string F(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}

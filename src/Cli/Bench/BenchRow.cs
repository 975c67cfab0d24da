using System.Globalization;

namespace Ferry.Cli.Bench;

/// <summary>One measured migration.</summary>
public sealed record BenchRow(
    string App, string Link, int SizeMb, string Strategy, int Clients, int Repetition, string Outcome,
    double? FreezeSeconds, double? DowntimeSeconds, double? DegradedSeconds, double? MigrationSeconds, double TotalSeconds, long BytesSent, double? OverheadSeconds,
    int? Requests, int? Failed, double? ClientDowntimeSeconds, double? P50Ms, double? P99Ms)
{
    public const string Header = "app,link,size_mb,strategy,clients,repetition,outcome,freeze_s,downtime_s,degraded_s,migration_s,total_s,bytes_sent,overhead_s,requests,failed,client_downtime_s,p50_ms,p99_ms";

    public string ToCsv() => string.Join(',',
        App, Link, SizeMb, Strategy, Clients, Repetition, Outcome, F(FreezeSeconds), F(DowntimeSeconds), F(DegradedSeconds), F(MigrationSeconds), F(TotalSeconds), BytesSent, F(OverheadSeconds),
        Requests?.ToString() ?? "", Failed?.ToString() ?? "", F(ClientDowntimeSeconds), F(P50Ms), F(P99Ms));

    private static string F(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}

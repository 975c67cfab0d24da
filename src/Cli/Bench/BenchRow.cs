using System.Globalization;

namespace Ferry.Cli.Bench;

/// <summary>One measured migration.</summary>
public sealed record BenchRow(
    string App, string Link, int SizeMb, string Strategy, int Clients, int Repetition, string Outcome,
    double? FreezeSeconds, double? DowntimeSeconds, double? DegradedSeconds, double? MigrationSeconds, double TotalSeconds, long BytesSent, double? OverheadSeconds,
    int? Requests, int? Failed, double? ClientDowntimeSeconds, double? P50Ms, double? P99Ms, string RunId = "")
{
    public const string Header = "app,link,size_mb,strategy,clients,repetition,outcome,freeze_s,downtime_s,degraded_s,migration_s,total_s,bytes_sent,overhead_s,requests,failed,client_downtime_s,p50_ms,p99_ms,run_id";

    public string ToCsv() => string.Join(',',
        App, Link, SizeMb, Strategy, Clients, Repetition, Outcome, F(FreezeSeconds), F(DowntimeSeconds), F(DegradedSeconds), F(MigrationSeconds), F(TotalSeconds), BytesSent, F(OverheadSeconds),
        Requests?.ToString() ?? "", Failed?.ToString() ?? "", F(ClientDowntimeSeconds), F(P50Ms), F(P99Ms), RunId);

    /// <summary>Reads migrations.csv back (for <c>ferry report</c> on a finished bench); columns are found by name.</summary>
    public static IReadOnlyList<BenchRow> ParseCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            return [];
        }

        var columns = lines[0].Split(',').Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            string Text(string name) => columns.TryGetValue(name, out var i) && i < cells.Length ? cells[i] : "";
            double? D(string name) => double.TryParse(Text(name), CultureInfo.InvariantCulture, out var v) ? v : null;
            int? I(string name) => int.TryParse(Text(name), CultureInfo.InvariantCulture, out var v) ? v : null;
            return new BenchRow(Text("app"), Text("link"), I("size_mb") ?? 0, Text("strategy"), I("clients") ?? 0, I("repetition") ?? 0, Text("outcome"),
                D("freeze_s"), D("downtime_s"), D("degraded_s"), D("migration_s"), D("total_s") ?? 0, long.TryParse(Text("bytes_sent"), out var b) ? b : 0, D("overhead_s"),
                I("requests"), I("failed"), D("client_downtime_s"), D("p50_ms"), D("p99_ms"), Text("run_id"));
        }).ToList();
    }

    private static string F(double? v) => v?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
}

namespace Ferry.Cli.Bench;

/// <summary>Mean ± standard deviation per cell (app, link, size, strategy, clients), over the figures that were measured.</summary>
public sealed record BenchSummary(
    string App, string Link, int SizeMb, string Strategy, int Clients, int Runs, int Succeeded,
    (double Mean, double Sd)? Downtime, (double Mean, double Sd)? Migration, (double Mean, double Sd)? Total, double BytesMean,
    double OverheadShare, int FailedRequests, double? ClientGapMax, double? P99Max)
{
    public static IReadOnlyList<BenchSummary> From(IReadOnlyList<BenchRow> rows) =>
        rows.GroupBy(r => (r.App, r.Link, r.SizeMb, r.Strategy, r.Clients))
            .Select(g =>
            {
                var ok = g.Where(r => r.Outcome == "succeeded").ToList();
                var migration = Stats(ok.Select(r => r.MigrationSeconds));
                var overhead = ok.Sum(r => r.OverheadSeconds ?? 0) / Math.Max(1e-9, ok.Sum(r => r.MigrationSeconds ?? 0));
                return new BenchSummary(g.Key.App, g.Key.Link, g.Key.SizeMb, g.Key.Strategy, g.Key.Clients, g.Count(), ok.Count,
                    Stats(ok.Select(r => r.DowntimeSeconds)), migration, Stats(ok.Select(r => (double?)r.TotalSeconds)),
                    ok.Count > 0 ? ok.Average(r => (double)r.BytesSent) : 0, overhead,
                    g.Sum(r => r.Failed ?? 0), g.Max(r => r.ClientGapSeconds), g.Max(r => r.P99Ms));
            })
            .ToList();

    public string ToCsv() => FormattableString.Invariant(
        $"{App},{Link},{SizeMb},{Strategy},{Clients},{Runs},{Succeeded},{Downtime?.Mean:F3},{Downtime?.Sd:F3},{Migration?.Mean:F3},{Migration?.Sd:F3},{Total?.Mean:F3},{BytesMean:F0},{OverheadShare:F3},{FailedRequests},{ClientGapMax:F3},{P99Max:F1}");

    public const string Header = "app,link,size_mb,strategy,clients,runs,succeeded,downtime_mean_s,downtime_sd_s,migration_mean_s,migration_sd_s,total_mean_s,bytes_mean,overhead_share,failed_requests,client_gap_max_s,p99_max_ms";

    /// <summary>Mean and standard deviation of the measured values; none measured is no figure, not zero.</summary>
    private static (double Mean, double Sd)? Stats(IEnumerable<double?> values)
    {
        var list = values.OfType<double>().ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var mean = list.Average();
        var sd = list.Count > 1 ? Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1)) : 0;
        return (mean, sd);
    }
}

namespace Ferry.Cli.Bench;

/// <summary>Ferry's best mean downtime against Podman's checkpoint export/import in the same cell of the same run.</summary>
public sealed record BaselineRatio(string App, string Link, int SizeMb, int Clients, string FerryStrategy, double FerrySeconds, double PodmanSeconds)
{
    public const string Podman = "podman";

    public double Ratio => FerrySeconds / PodmanSeconds;

    /// <summary>The ratio for one cell's summaries, or null unless both Podman and a Ferry strategy have a measured downtime.</summary>
    public static BaselineRatio? From(IReadOnlyList<BenchSummary> cell)
    {
        var podman = cell.FirstOrDefault(s => s.Strategy == Podman && s.Downtime is not null);
        var best = cell.Where(s => s.Strategy != Podman && s.Downtime is not null).MinBy(s => s.Downtime!.Value.Mean);
        return podman is null || best is null
            ? null
            : new BaselineRatio(podman.App, podman.Link, podman.SizeMb, podman.Clients, best.Strategy, best.Downtime!.Value.Mean, podman.Downtime!.Value.Mean);
    }

    public static IReadOnlyList<BaselineRatio> All(IReadOnlyList<BenchSummary> summary) =>
        summary.GroupBy(s => (s.App, s.Link, s.SizeMb, s.Clients)).Select(g => From(g.ToList())).OfType<BaselineRatio>().ToList();
}

namespace Ferry.Cli.Bench;

/// <summary>
/// Ferry's best mean downtime against Podman's checkpoint export/import for the same app, data size and link
/// in the same run. Podman's moves run without clients (it moves no route, so clients through the front would
/// only fail); Ferry's with the fewest clients it ran under, <paramref name="Clients"/>, which favours Podman.
/// Only a Ferry strategy whose every move succeeded without a failed request counts: a short freeze that
/// failed clients' requests is no move a user would pick.
/// </summary>
public sealed record BaselineRatio(string App, string Link, int SizeMb, int Clients, string FerryStrategy, double FerrySeconds, double PodmanSeconds)
{
    public const string Podman = "podman";

    public double Ratio => FerrySeconds / PodmanSeconds;

    /// <summary>What Podman's moves are compared within: the same app, data size and link, whatever the client count.</summary>
    public static (string App, string Link, int SizeMb) Cell(BenchSummary s) => (s.App, s.Link, s.SizeMb);

    /// <summary>The ratio for one cell's summaries, or null unless both Podman and a Ferry strategy that failed nothing have a measured downtime.</summary>
    public static BaselineRatio? From(IReadOnlyList<BenchSummary> cell)
    {
        var podman = cell.FirstOrDefault(s => s.Strategy == Podman && s.Downtime is not null);
        var ferry = cell.Where(s => s.Strategy != Podman && s.Downtime is not null && s.Succeeded == s.Runs && s.FailedRequests == 0).ToList();
        var best = ferry.Where(s => s.Clients == ferry.Min(f => f.Clients)).MinBy(s => s.Downtime!.Value.Mean);
        return podman is null || best is null
            ? null
            : new BaselineRatio(podman.App, podman.Link, podman.SizeMb, best.Clients, best.Strategy, best.Downtime!.Value.Mean, podman.Downtime!.Value.Mean);
    }

    public static IReadOnlyList<BaselineRatio> All(IReadOnlyList<BenchSummary> summary) =>
        summary.GroupBy(Cell).Select(g => From(g.ToList())).OfType<BaselineRatio>().ToList();
}

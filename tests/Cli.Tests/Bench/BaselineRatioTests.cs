using Ferry.Cli.Bench;

namespace Ferry.Cli.Tests.Bench;

public class BaselineRatioTests
{
    private static BenchSummary Cell(string strategy, int clients, double downtime, int failed = 0, int runs = 1, int succeeded = 1) =>
        new("redis", "100mbit", 512, strategy, clients, runs, succeeded, (downtime, 0), (downtime + 60, 0), (downtime + 61, 0), 5e8, 0.01, failed, null, null);

    [Fact]
    public void From_TakesFerrysShortestDowntimeAmongStrategiesThatFailedNothing()
    {
        var ratio = BaselineRatio.From([
            Cell(BaselineRatio.Podman, 0, 57.1),
            Cell("auto:lazy", 10, 0.93, failed: 10),
            Cell("lazy", 10, 0.8, runs: 2, succeeded: 1),
            Cell("hybrid", 10, 2.76),
            Cell("cold", 10, 9.4)]);

        Assert.NotNull(ratio);
        Assert.Equal(("hybrid", 2.76, 57.1), (ratio.FerryStrategy, ratio.FerrySeconds, ratio.PodmanSeconds));
        Assert.Equal(2.76 / 57.1, ratio.Ratio, 6);
    }

    [Fact]
    public void From_NoRatio_WhenEveryFerryStrategyFailedRequests()
    {
        Assert.Null(BaselineRatio.From([Cell(BaselineRatio.Podman, 0, 57.1), Cell("lazy", 10, 0.93, failed: 3)]));
    }
}

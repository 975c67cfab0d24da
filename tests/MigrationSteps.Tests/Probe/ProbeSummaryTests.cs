using Ferry.MigrationSteps.Probe;

namespace Ferry.MigrationSteps.Tests.Probe;

public class ProbeSummaryTests
{
    private const string Csv = """
        client,start,end,status,body
        0,100.0,100.1,200,1
        1,100.0,100.2,200,2
        0,100.1,103.1,200,3
        1,100.2,100.3,error:TimeoutError,
        1,100.3,103.2,200,4
        0,103.1,103.15,503,
        """;

    [Fact]
    public void ParseCsv_ProbeOutput_ReadsEveryRequest()
    {
        var samples = ProbeSample.ParseCsv(Csv);

        Assert.Equal(6, samples.Count);
        Assert.Equal(new ProbeSample(1, 100.2, 100.3, "error:TimeoutError", ""), samples[3]);
        Assert.Equal(3000, samples[2].LatencyMs, 6);
    }

    [Fact]
    public void From_Samples_CountsFailuresByKindAndTheLongestGapWithoutSuccess()
    {
        var summary = ProbeSummary.From(2, ProbeSample.ParseCsv(Csv));

        Assert.Equal(6, summary.Requests);
        Assert.Equal(4, summary.Succeeded);
        Assert.Equal(2, summary.Failed);
        Assert.Equal(new Dictionary<string, int> { ["error:TimeoutError"] = 1, ["503"] = 1 }, summary.Failures);
        Assert.Equal(2.9, summary.ClientGapSeconds, 6);
        Assert.Equal(3.2, summary.DurationSeconds, 6);
    }

    [Fact]
    public void From_Window_LatencyOnlyOverRequestsThatStartedInIt()
    {
        var fast = Enumerable.Range(0, 1000).Select(i => new ProbeSample(0, i * 0.01 + 0.005, i * 0.01 + 0.007, "200", ""));
        var held = Enumerable.Range(0, 10).Select(i => new ProbeSample(1, 4.0 + i * 0.01, 6.0, "200", ""));
        var window = new ProbeWindow(3.5, 6.5, "around the freeze");

        var summary = ProbeSummary.From(2, [.. fast, .. held], window);

        Assert.Equal(window, summary.Latency.Window);
        Assert.Equal(310, summary.Latency.Requests);
        Assert.Equal(1970.0, summary.P99Ms);
        Assert.Equal(2.0, ProbeSummary.From(2, [.. fast, .. held]).P99Ms);
    }

    [Fact]
    public void From_Latencies_UsesNearestRankPercentiles()
    {
        var samples = Enumerable.Range(1, 100).Select(i => new ProbeSample(0, 0, i / 1000.0, "200", "")).ToList();

        var summary = ProbeSummary.From(1, samples);

        Assert.Equal((50.0, 99.0, 100.0), (summary.Latency.P50Ms, summary.Latency.P99Ms, summary.Latency.MaxMs));
        Assert.Equal("the whole probe", summary.Latency.Window.Basis);
    }

    [Fact]
    public void From_NoSamples_CountsZeroAndHasNoLatency()
    {
        var summary = ProbeSummary.From(5, []);

        Assert.Equal(0, summary.Requests);
        Assert.Equal(0, summary.ClientGapSeconds);
        Assert.Null(summary.P99Ms);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_ClientsOutOfRange_SaysTheRange(int clients)
    {
        var error = Assert.Throws<ArgumentException>(() => new ProbeOptions(clients).Validate());

        Assert.Equal($"--probe takes 1..1000 clients, got {clients}", error.Message);
    }
}

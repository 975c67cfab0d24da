using Ferry.Cli.Bench;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Probe;

namespace Ferry.Cli.Tests.Bench;

public class AppStateCheckTests
{
    private static AppDefinition App(string name) => new(name, "", [new ContainerDefinition(name, "10.252.0.10", ["a"], [80], 64, [], [])], null);

    private static ProbeSummary Answered(int succeeded) =>
        ProbeSummary.From(1, Enumerable.Range(0, succeeded).Select(i => new ProbeSample(0, i, i + 0.001, "200", "")).ToList());

    private static readonly AppDefinition Wordpress = new("wordpress", "", [
        new ContainerDefinition("db", "10.252.0.40", ["a"], [3306], 64, [], []),
        new ContainerDefinition("web", "10.252.0.41", ["a"], [80], 64, [], [], new FrontDefinition(8082, "http"), null,
            new ProbeDefinition("/", null, null, null, new CommentsDefinition(10, "/comments.php")))], null);

    private static ProbeSummary Commented(int acknowledged, int? lost) =>
        Answered(20) with { Writes = new ProbeWrites(acknowledged, lost, lost is null ? "RuntimeError: GET /comments.php answered 503" : null) };

    [Fact]
    public void Verdict_CommentsGrewByEveryAcknowledgedOneAndNoneLost_IsOk() =>
        Assert.Null(AppStateCheck.Verdict(Wordpress, "40", "47", Commented(7, 0)));

    [Fact]
    public void Verdict_AcknowledgedCommentLost_IsLostState() =>
        Assert.Equal("comments: 7 acknowledged, 1 lost", AppStateCheck.Verdict(Wordpress, "40", "47", Commented(7, 1)));

    [Fact]
    public void Verdict_CommentsNotChecked_IsNotOk() =>
        Assert.Equal("comments: 7 acknowledged, not checked: RuntimeError: GET /comments.php answered 503", AppStateCheck.Verdict(Wordpress, "40", "47", Commented(7, null)));

    [Fact]
    public void Verdict_FewerCommentsThanBeforePlusAcknowledged_IsLostState() =>
        Assert.Equal("40 comments before, 7 acknowledged, 45 after", AppStateCheck.Verdict(Wordpress, "40", "45", Commented(7, 0)));

    [Fact]
    public void Verdict_CounterGrewByTheAnsweredRequests_IsOk() =>
        Assert.Null(AppStateCheck.Verdict(App("counter"), "10", "15", Answered(5)));

    [Fact]
    public void Verdict_CounterLostIncrements_SaysWhatItExpected() =>
        Assert.Equal("counter was 10, 5 requests answered, now 12", AppStateCheck.Verdict(App("counter"), "10", "12", Answered(5)));

    [Fact]
    public void Verdict_CounterWithoutProbe_MustNotChange() =>
        Assert.Equal("counter was 10, 0 requests answered, now 11", AppStateCheck.Verdict(App("counter"), "10", "11", null));

    [Fact]
    public void Verdict_RedisChecksumChanged_IsLostState() =>
        Assert.Equal("redis was '4096 keys, sha1 ab', now '4095 keys, sha1 cd'", AppStateCheck.Verdict(App("redis"), "4096 keys, sha1 ab", "4095 keys, sha1 cd", Answered(3)));

    [Fact]
    public void Verdict_ReaderSameDataCountedEveryRequest_IsOk() =>
        Assert.Null(AppStateCheck.Verdict(App("reader"), "7 512 0badf00d", "11 512 0badf00d", Answered(3)));

    [Fact]
    public void Verdict_ReaderDataChanged_IsLostState() =>
        Assert.Equal("reader was '7 512 0badf00d', 3 requests answered, now '11 512 deadbeef'",
            AppStateCheck.Verdict(App("reader"), "7 512 0badf00d", "11 512 deadbeef", Answered(3)));

    [Fact]
    public void Verdict_ReaderCountedRequestsTheClientGaveUpOn_IsOkWhileTheDataIsTheSame()
    {
        var probe = ProbeSummary.From(1, [.. Enumerable.Range(0, 3).Select(i => new ProbeSample(0, i, i + 0.001, "200", "")), new ProbeSample(0, 5, 35, "timeout", "")]);

        Assert.Null(AppStateCheck.Verdict(App("reader"), "7 512 0badf00d", "12 512 0badf00d", probe));
        Assert.Equal("reader was '7 512 0badf00d', 3 requests answered (1 failed), now '13 512 0badf00d'",
            AppStateCheck.Verdict(App("reader"), "7 512 0badf00d", "13 512 0badf00d", probe));
    }
}

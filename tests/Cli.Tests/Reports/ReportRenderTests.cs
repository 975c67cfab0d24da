using Ferry.Cli.Reports;
using Ferry.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Ferry.Cli.Tests.Reports;

/// <summary>Reports opened in headless Chromium (Debian's package): the page renders and every plot has drawn data. Screenshots stay in the test output.</summary>
public sealed class ReportRenderTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ferry-report-").FullName;

    public static string Screenshots => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task RunReport_InChromium_RendersTimelineAndLatencyWithTheDowntimeMarked()
    {
        var run = ReportSamples.Run("20261130-090000-counter-abc123", "lazy", 1.2, clients: 10);
        var dir = ReportSamples.WriteRun(Path.Combine(_root, "runs"), run, 10);
        var path = Path.Combine(dir, "report.html");
        await RunReport.Build(dir).WriteAsync(path);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.OpenAsync(path);
        var plots = await PlotsAsync(page);
        await KeepScreenshotAsync(page, "run-report.png");

        Assert.Equal("ferry: counter aws-w1 → gcp-w1 (lazy), succeeded", await page.TitleAsync());
        Assert.Equal(["counter: lazy aws-w1 → gcp-w1, per step", "counter: 10 clients, latency around the freeze"], plots.Select(p => p.Title));
        Assert.All(plots, p => Assert.True(p.DrawnMarks > 0, $"plot '{p.Title}' drew no data"));
        Assert.Equal(8, plots[0].DrawnMarks); // seven steps that ran and the downtime bar; the skipped step is not drawn
        Assert.Contains("downtime 1.200 s", await page.Locator("svg.plot >> nth=1").TextContentAsync());
    }

    [Fact]
    public async Task BenchReport_InChromium_ShowsRatioTableAndEveryKindOfPlot()
    {
        var dir = ReportSamples.WriteBench(Path.Combine(_root, "bench"));
        var path = Path.Combine(dir, "report.html");
        await BenchReport.Build(dir).WriteAsync(path);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var page = await chromium.OpenAsync(path);
        var plots = await PlotsAsync(page);
        await KeepScreenshotAsync(page, "bench-report.png");

        var titles = plots.Select(p => p.Title).ToList();
        Assert.Contains("Mean downtime: every Ferry strategy and Podman, same run, same hosts, same link", titles);
        Assert.Contains("redis, 100mbit: downtime by data size", titles);
        Assert.Contains("redis 256 MiB, 100mbit: one run per strategy (the median downtime)", titles);
        Assert.Contains("lazy: counter, 100mbit, 20 clients", titles);
        Assert.All(plots, p => Assert.True(p.DrawnMarks > 0, $"plot '{p.Title}' drew no data"));

        // Ferry's best (lazy 0.775 s mean) over Podman's mean (256/7 + 2 + 0.075 s) in the 256 MiB cell.
        var ratios = await page.Locator("#ratios tbody tr").AllInnerTextsAsync();
        Assert.Equal(2, ratios.Count);
        Assert.Contains("lazy\t0.775\t38.646\t0.020×", ratios[1]);

        // The hosts' memory costs the bench kept; a host that could not measure them shows none, not zero.
        var hosts = await page.Locator("#hosts tbody tr").AllInnerTextsAsync();
        Assert.Equal(["100mbit\taws-w1\t2\t4535\t1987\t6.18.44\t4.2.1", "100mbit\tgcp-w1\t-\t-\t-\t6.18.44\t4.2.1"], hosts);
    }

    private async Task KeepScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(Screenshots, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000, $"screenshot {file} is nearly empty");
        output.WriteLine($"screenshot: {file}");
    }

    /// <summary>Each plot's title and how many of its data marks the browser laid out with a size (drawn, not just present).</summary>
    private static async Task<IReadOnlyList<(string Title, int DrawnMarks)>> PlotsAsync(IPage page)
    {
        var plots = await page.EvaluateAsync<PlotInfo[]>("""
            () => [...document.querySelectorAll('svg.plot')].map(svg => ({
              title: svg.querySelector(':scope > title').textContent,
              drawnMarks: [...svg.querySelectorAll('.data')].filter(e => { const b = e.getBBox(); return b.width > 0 || b.height > 0; }).length
            }))
            """);
        Assert.NotEmpty(plots);
        return plots.Select(p => (p.Title, p.DrawnMarks)).ToList();
    }

    private sealed class PlotInfo
    {
        public string Title { get; set; } = "";

        public int DrawnMarks { get; set; }
    }
}

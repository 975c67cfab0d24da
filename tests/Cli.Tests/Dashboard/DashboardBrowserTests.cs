using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Results;
using Ferry.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ferry.Cli.Tests.Dashboard;

/// <summary>The dashboard in Debian's chromium on a booted local stack: what it shows, and a migration started with clicks and watched live.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(DashboardStack cloud)
{
    private static readonly TimeSpan MoveLimit = TimeSpan.FromMinutes(3);

    private static readonly string Results = Path.Combine(RepoPaths.Root, ".ferry", "test-results");

    [Fact]
    public async Task Page_MigrationStartedByClicks_IsWatchedLiveAndTheAppRunsOnTheTarget()
    {
        await using var chromium = await HeadlessChromium.LaunchAsync(width: 1400);
        var page = await chromium.Context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add($"page error: {e}");
        try
        {
            await WatchMoveAsync(page);
        }
        catch (Exception e) when (e is PlaywrightException or Xunit.Sdk.XunitException)
        {
            // What the page showed and said is what explains a failure here.
            Directory.CreateDirectory(Results);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Results, "dashboard-failure.png"), FullPage = true });
            throw new Xunit.Sdk.XunitException($"{e.Message}\npage error: {await page.Locator("#page-error").InnerTextAsync()}\nconsole:\n{string.Join('\n', console)}\nscreenshot: {Path.Combine(Results, "dashboard-failure.png")}");
        }
    }

    private async Task WatchMoveAsync(IPage page)
    {
        // Asking six hosts and learning two hosts' facts takes seconds on a loaded machine.
        SetDefaultExpectTimeout(60_000);
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(cloud.Server.Url.ToString());

        // Both clouds and every host of the inventory, answering, with the workload hosts' facts.
        await Expect(page.Locator("#clouds .cloud")).ToHaveCountAsync(3); // aws (with the front), gcp, and the internet segment (the client)
        Assert.NotEmpty(cloud.Inventory.Hosts);
        foreach (var host in cloud.Inventory.Hosts)
        {
            var row = page.Locator($"tr[data-host='{host.Name}']");
            await Expect(row).ToContainTextAsync("answers");
            await Expect(row).ToContainTextAsync(host.PrivateIp);
        }

        await Expect(page.Locator("tr[data-host='aws-w1']")).ToContainTextAsync("4.2.1");
        await Expect(page.Locator("tr[data-pair='aws-w1>gcp-w1']")).ToContainTextAsync("yes");
        await Expect(page.Locator("#vpn-badge")).ToHaveTextAsync("VPN established");
        await Expect(page.Locator("#vpn")).ToContainTextAsync("INSTALLED");

        // The deployed application, running where it was deployed.
        var app = page.Locator("tr[data-app='counter']");
        await Expect(app).ToContainTextAsync("aws-w1");
        await Expect(app).ToContainTextAsync("running");
        await Expect(app).ToContainTextAsync("10.252.0.10");

        // A bad request is refused with its reason, on the page.
        await page.SelectOptionAsync("#move-app", "counter");
        await page.FillAsync("#move-probe", "-1");
        await page.ClickAsync("#move-start");
        await Expect(page.Locator("#move-error")).ToContainTextAsync("probe:");

        // The move, with clicks: counter to the other cloud, auto (with its reason), 10 probing clients.
        await Expect(page.Locator("#move-from")).ToHaveValueAsync("aws-w1");
        await page.SelectOptionAsync("#move-to", "gcp-w1");
        await page.SelectOptionAsync("#move-strategy", "auto");
        await Expect(page.Locator("#move-why")).ToContainTextAsync("auto picks lazy");
        await page.FillAsync("#move-probe", "10");
        await page.ClickAsync("#move-start");
        await Expect(page.Locator("#move")).ToBeVisibleAsync();

        // One move per application: a second one while it runs is refused, and says why.
        using (var http = Client())
        {
            var second = await http.PostAsync("/api/migrations", Json(new { app = "counter", from = "aws-w1", to = "gcp-w1", strategy = "cold" }));
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Contains("counter is already moving", await second.Content.ReadAsStringAsync());
        }

        // The probe's counts arrive while the move runs ("so far" is gone once its result is in).
        await Expect(page.Locator("#move-probe-figures")).ToContainTextAsync("requests so far", new() { Timeout = (float)MoveLimit.TotalMilliseconds });
        await Expect(page.Locator("#move-state")).ToHaveTextAsync("succeeded", new() { Timeout = (float)MoveLimit.TotalMilliseconds });

        // The steps, each on its host with its status and time, and the final downtime as the result says.
        var id = (await page.Locator("#move-title").InnerTextAsync()).Split(" · ")[1];
        var result = MigrationResult.FromJson(File.ReadAllText(Path.Combine(cloud.Runs, id, "result.json")));
        Assert.Equal(MigrationOutcome.Succeeded, result.Outcome);
        Assert.True(result.Compressed, "a move over the stack's 100 Mbit/s link sends its images compressed by default");
        foreach (var step in new[] { "prepare-target@gcp-w1", "checkpoint@aws-w1", "restore@gcp-w1", "cut-over@front" })
        {
            var row = page.Locator($"#move-steps tr[data-step='{step}']");
            await Expect(row).ToContainTextAsync("succeeded");
            var seconds = result.Steps.Single(s => s.Id == step).Seconds!.Value;
            await Expect(row).ToContainTextAsync(seconds.ToString("F3"));
        }

        Assert.NotNull(result.DowntimeSeconds);
        await Expect(page.Locator("#move-downtime")).ToHaveTextAsync($"{result.DowntimeSeconds:F3} s");
        Assert.NotNull(result.Probe);
        await Expect(page.Locator("#move-probe-figures")).ToHaveTextAsync($"{result.Probe!.Requests:N0} requests, {result.Probe.Failed} failed, longest gap {result.Probe.ClientGapSeconds:F3} s");
        Assert.True(result.Probe.Requests > 0, "the probe made no request");

        // The app is on the target, as 'ferry app ls' reads it, and the page shows it there.
        var states = await cloud.Deployer.StatusAsync(cloud.Counter, "gcp-w1");
        Assert.Equal("running", states["counter-counter"]);
        Assert.Equal("gcp-w1", AppPlacement.Load(cloud.Cloud.StateDirectory, "counter")!.Host);
        await Expect(page.Locator("tr[data-app='counter'] .app-host")).ToHaveTextAsync("gcp-w1");
        Assert.Matches("^[0-9]+$", await cloud.RunAsync("client", "curl", "-sS", "-m", "10", "http://10.252.0.10:8080/"));

        // The run is listed with its figures, and its report opens from the link.
        var run = page.Locator($"tr[data-run='{id}']");
        await Expect(run).ToContainTextAsync("succeeded");
        await run.Locator("a.report-link").ClickAsync();
        await Expect(page.Locator("#run-report")).ToContainTextAsync($"Run {id}");
        await Expect(page.Locator("#run-report")).ToContainTextAsync("cleanup-source");

        var shot = Path.Combine(Results, "dashboard.png");
        Directory.CreateDirectory(Results);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, $"the screenshot at {shot} is empty");

        // The event stream, replayed: the downtime came as soon as the cut-over reported, before the move's last steps ended.
        var events = await EventsAsync(id);
        var downtime = events.FindIndex(e => e.Type == "figure" && e.Data.Contains("\"downtime\""));
        var cutOver = events.FindIndex(e => e.Type == "step" && e.Data.Contains("\"cut-over\"") && e.Data.Contains("\"finished\""));
        var lastStep = events.FindLastIndex(e => e.Type == "step");
        Assert.True(cutOver >= 0 && downtime > cutOver && downtime < lastStep, $"downtime at event {downtime}, cut-over at {cutOver}, last step at {lastStep}");
        Assert.Equal("result", events[^1].Type);
    }

    private HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = new Uri(cloud.Server.Url.GetLeftPart(UriPartial.Authority)) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cloud.Server.Token.Value);
        return http;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private async Task<List<(string Type, string Data)>> EventsAsync(string id)
    {
        using var http = Client();
        var text = await http.GetStringAsync($"/api/migrations/{id}/events");
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var lines = block.Split('\n');
            return (lines.Single(l => l.StartsWith("event: "))["event: ".Length..], lines.Single(l => l.StartsWith("data: "))["data: ".Length..]);
        }).ToList();
    }
}

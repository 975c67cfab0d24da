using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ferry.Cli.Dashboard;
using Ferry.MigrationSteps.Apps;

namespace Ferry.Cli.Tests.Dashboard;

/// <summary>
/// The dashboard's API without a booted stack: every request without the token gets 401, every bad move
/// gets 400 with its reason, and nothing starts. The inventory is a written file whose hosts are never reached.
/// </summary>
public sealed class DashboardApiTests : IAsyncLifetime, IDisposable
{
    private const string RunId = "20261130-101500-counter-abc123";
    private readonly CliWorkspace _workspace = new();
    private DashboardServer _server = null!;

    public async Task InitializeAsync()
    {
        var apps = Directory.CreateDirectory(Path.Combine(_workspace.Stacks, "apps")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(CliWorkspace.RepoRoot, "stacks", "apps"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(apps, Path.GetFileName(file)));
        }

        var stack = Directory.CreateDirectory(Path.Combine(_workspace.State, "stacks", "local")).FullName;
        File.WriteAllText(Path.Combine(stack, "inventory.json"), """
            { "stack": "local", "cloud": "local", "appSubnet": "10.252.0.0/24", "hosts": [
              { "name": "aws-gw", "role": "gateway", "site": "aws", "sshHost": "192.0.2.2", "sshPort": 22, "user": "root", "keyPath": "/nonexistent", "knownHostsLine": "192.0.2.2 ssh-ed25519 AAAA", "privateIp": "10.10.1.1" },
              { "name": "aws-w1", "role": "workload", "site": "aws", "sshHost": "192.0.2.3", "sshPort": 22, "user": "root", "keyPath": "/nonexistent", "knownHostsLine": "192.0.2.3 ssh-ed25519 AAAA", "privateIp": "10.10.1.10" },
              { "name": "gcp-w1", "role": "workload", "site": "gcp", "sshHost": "192.0.2.5", "sshPort": 22, "user": "root", "keyPath": "/nonexistent", "knownHostsLine": "192.0.2.5 ssh-ed25519 AAAA", "privateIp": "10.10.2.10" } ] }
            """);
        new AppPlacement("counter", "aws-w1", DateTimeOffset.UtcNow).Save(stack);
        var run = Directory.CreateDirectory(Path.Combine(Runs, RunId)).FullName;
        File.WriteAllText(Path.Combine(run, "result.json"), File.ReadAllText(Path.Combine(CliWorkspace.RepoRoot, "tests", "Cli.Tests", "Dashboard", "sample-result.json")));
        _server = await DashboardServer.StartAsync(new DashboardOptions(_workspace.Stack("local"), IPAddress.Loopback, 0, Runs), CancellationToken.None);
    }

    private string Runs => Path.Combine(_workspace.Root, "runs");

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/dashboard.js")]
    [InlineData("GET", "/dashboard.css")]
    [InlineData("GET", "/api/inventory")]
    [InlineData("GET", "/api/apps")]
    [InlineData("GET", "/api/vpn")]
    [InlineData("GET", "/api/runs")]
    [InlineData("GET", "/api/runs/" + RunId)]
    [InlineData("GET", "/api/migrations")]
    [InlineData("POST", "/api/migrations")]
    [InlineData("GET", "/api/migrations/x/events")]
    [InlineData("GET", "/nothing-here")]
    public async Task Request_WithoutOrWithWrongToken_Is401(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = Base };
        var body = """{"app":"counter","from":"aws-w1","to":"gcp-w1","strategy":"cold"}""";
        foreach (var (auth, query) in new (string?, string)[] { (null, ""), ("Bearer wrong", ""), (null, "?token=wrong"), ($"Basic {_server.Token.Value}", ""), (null, "?token=") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path + query);
            if (auth is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", auth);
            }

            if (method == "POST")
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}{query} with '{auth}': {(int)response.StatusCode}");
            Assert.Contains("missing or wrong token", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([RunId], Directory.GetDirectories(Runs).Select(Path.GetFileName));
        Assert.Empty(_server.Moves.All());
    }

    [Fact]
    public async Task Request_WithToken_InHeaderOrQuery_IsAnswered()
    {
        using var http = new HttpClient { BaseAddress = Base };
        var page = await http.GetAsync($"/?token={_server.Token.Value}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("dashboard.js", await page.Content.ReadAsStringAsync());

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token.Value);
        var runs = await http.GetStringAsync("/api/runs");
        Assert.Contains($"\"id\":\"{RunId}\"", runs);
        Assert.Contains("\"downtimeSeconds\":0.52", runs);
        Assert.Contains("\"outcome\":\"succeeded\"", runs);
        Assert.Contains("\"steps\"", await http.GetStringAsync($"/api/runs/{RunId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/..%2F..%2Fetc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/runs/20990101-000000-none-000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/migrations/nope/events")).StatusCode);
        var js = await http.GetAsync("/dashboard.js");
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("", "the body must be a JSON object")]
    [InlineData("{", "the body is not JSON")]
    [InlineData("[1]", "the body must be a JSON object")]
    [InlineData("{}", "app: missing; expected an application deployed on stack 'local' (counter)")]
    [InlineData("""{"app":"nosuch","from":"aws-w1","to":"gcp-w1","strategy":"auto"}""", "no application 'nosuch'; known: counter, reader, redis, redis-text, wordpress")]
    [InlineData("""{"app":"../../etc/passwd","from":"aws-w1","to":"gcp-w1","strategy":"auto"}""", "is not an application name")]
    [InlineData("""{"app":7,"from":"aws-w1","to":"gcp-w1","strategy":"auto"}""", "app: expected a string")]
    [InlineData("""{"app":"counter","to":"gcp-w1","strategy":"auto"}""", "from: missing; expected the workload host counter runs on (aws-w1)")]
    [InlineData("""{"app":"counter","from":"aws-w1","strategy":"auto"}""", "to: missing; expected the workload host to move it to (aws-w1, gcp-w1)")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"mars-w9","strategy":"auto"}""", "to: no host named 'mars-w9' in stack 'local'")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"gcp-w1"}""", "strategy: missing; expected one of auto, cold, precopy, pageserver, lazy")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"gcp-w1","strategy":"warp"}""", "strategy: unknown strategy 'warp'")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"gcp-w1","strategy":"1"}""", "strategy: unknown strategy '1'")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"aws-gw","strategy":"cold"}""", "host aws-gw is a gateway")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"aws-w1","strategy":"cold"}""", "are both aws-w1")]
    [InlineData("""{"app":"counter","from":"gcp-w1","to":"aws-w1","strategy":"cold"}""", "application counter runs on aws-w1, not on gcp-w1")]
    [InlineData("""{"app":"redis","from":"aws-w1","to":"gcp-w1","strategy":"cold"}""", "application redis is not deployed")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"gcp-w1","strategy":"cold","probe":-1}""", "probe: expected a number of concurrent clients")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"gcp-w1","strategy":"cold","probe":"many"}""", "probe: expected a number of concurrent clients")]
    [InlineData("""{"app":"counter","from":"aws-w1","to":"gcp-w1","strategy":"cold","probe":5000}""", "probe: takes 1..1000 clients")]
    public async Task PostMigration_BadRequest_Is400WithTheReason_AndStartsNothing(string body, string reason)
    {
        using var http = new HttpClient { BaseAddress = Base };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token.Value);
        var response = await http.PostAsync("/api/migrations", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(reason, text);
        Assert.Empty(_server.Moves.All());
        Assert.Equal([RunId], Directory.GetDirectories(Runs).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Dashboard_BadOptions_AreRefusedWithTheOption()
    {
        Assert.Contains("--bind: expected an IP address", Assert.Throws<UsageException>(() => DashboardOptions.Parse("s.yaml", "localhost:80", 8080, "runs")).Message);
        Assert.Contains("--port: expected 0..65535", Assert.Throws<UsageException>(() => DashboardOptions.Parse("s.yaml", "127.0.0.1", 70000, "runs")).Message);
        var taken = Base.Port;
        var e = await Assert.ThrowsAsync<UsageException>(() => DashboardServer.StartAsync(new DashboardOptions(_workspace.Stack("local"), IPAddress.Loopback, taken, Runs), CancellationToken.None));
        Assert.Contains($"cannot listen on 127.0.0.1:{taken}", e.Message);
    }

    private Uri Base => new(_server.Url.GetLeftPart(UriPartial.Authority));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _workspace.Dispose();
}

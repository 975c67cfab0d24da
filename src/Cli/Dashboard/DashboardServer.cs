using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Migration;
using Ferry.MigrationSteps.Planning;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ferry.Cli.Dashboard;

/// <summary>
/// <c>ferry dashboard</c>'s web server: one page and a small JSON API over the stack, every request
/// refused with 401 unless it carries the token printed at start. Request logging stays off, so the
/// token (in the page's URLs) is never logged.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private const int MaxBody = 64 * 1024;
    private static readonly JsonSerializerOptions Json = DashboardJson.Options;
    private readonly WebApplication _web;
    private readonly CliContext _context;
    private readonly MoveRegistry _moves;

    private DashboardServer(WebApplication web, CliContext context, MoveRegistry moves, DashboardToken token, Uri url)
    {
        _web = web;
        _context = context;
        _moves = moves;
        Token = token;
        Url = url;
    }

    /// <summary>The page's address with the token: what the user opens.</summary>
    public Uri Url { get; }

    public DashboardToken Token { get; }

    /// <summary>The moves started from this dashboard.</summary>
    public MoveRegistry Moves => _moves;

    public static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken ct)
    {
        var context = CliContext.Load(options.StackPath, options.Twin);
        try
        {
            var token = new DashboardToken();
            var moves = new MoveRegistry();
            var api = new DashboardApi(context, options, moves);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "ferry", ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            builder.WebHost.ConfigureKestrel(k => k.Listen(options.Bind, options.Port));
            var web = builder.Build();
            web.Use(async (http, next) =>
            {
                http.Response.Headers["Cache-Control"] = "no-store";
                http.Response.Headers["Referrer-Policy"] = "no-referrer";
                http.Response.Headers["X-Content-Type-Options"] = "nosniff";
                if (!token.Accepts(http.Request))
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    await Error(http, StatusCodes.Status401Unauthorized, "missing or wrong token: open the URL ferry dashboard printed, or send 'Authorization: Bearer TOKEN'");
                    return;
                }

                try
                {
                    await next(http);
                }
                catch (Exception e) when (e is UsageException && !http.Response.HasStarted)
                {
                    await Error(http, StatusCodes.Status400BadRequest, e.Message);
                }
                catch (Exception e) when (e is InventoryException or PlanValidationException or AppException && !http.Response.HasStarted)
                {
                    // The stack is down or its files do not fit the request: the page says so and what to run.
                    await Error(http, StatusCodes.Status409Conflict, e.Message);
                }
                catch (Exception e) when (e is RemoteTaskException or RemoteShellException or TemplateException or ProgramNotFoundException && !http.Response.HasStarted)
                {
                    await Error(http, StatusCodes.Status502BadGateway, e.Message);
                }
            });
            Map(web, api, moves, context, options);
            try
            {
                await web.StartAsync(ct);
            }
            catch (IOException e)
            {
                throw new UsageException($"--bind/--port: cannot listen on {options.Bind}:{options.Port} ({e.Message}); pick another port, or --port 0 for a free one");
            }

            var bound = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var host = options.Bind.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{options.Bind}]" : options.Bind.ToString();
            return new DashboardServer(web, context, moves, token, new Uri($"http://{host}:{bound.Port}/?token={token.Value}"));
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs until Ctrl-C: the web host's own console lifetime takes the signal, so its stopping token ends the wait too.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _web.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the normal way out.
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A move under way runs to its end (and writes its result) before the SSH connections close.
        await _moves.DrainAsync();
        await _web.StopAsync();
        await _web.DisposeAsync();
        await _context.DisposeAsync();
    }

    private static void Map(WebApplication web, DashboardApi api, MoveRegistry moves, CliContext context, DashboardOptions options)
    {
        web.MapGet("/", () => Page("index.html", "text/html; charset=utf-8"));
        web.MapGet("/dashboard.css", () => Page("dashboard.css", "text/css; charset=utf-8"));
        web.MapGet("/dashboard.js", () => Page("dashboard.js", "text/javascript; charset=utf-8"));
        web.MapGet("/api/inventory", async (CancellationToken ct) => Results.Json(await api.InventoryAsync(ct), Json));
        web.MapGet("/api/apps", async (CancellationToken ct) => Results.Json(await api.AppsAsync(ct), Json));
        web.MapGet("/api/vpn", async (CancellationToken ct) => Results.Json(await api.VpnAsync(ct), Json));
        web.MapGet("/api/runs", () => Results.Json(api.Runs(), Json));
        web.MapGet("/api/runs/{id}", (string id) => api.Run(id) is { } json
            ? Results.Text(json, "application/json")
            : Results.Json(new { error = $"no run '{id}' in {options.RunsDirectory}" }, Json, statusCode: StatusCodes.Status404NotFound));
        web.MapGet("/api/migrations", () => Results.Json(moves.All().Select(m => new { id = m.Id, app = m.App, from = m.From, to = m.To, strategy = m.Strategy, ended = m.Ended }), Json));
        web.MapPost("/api/migrations", async (HttpContext http, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(http.Request, ct);
            var post = MigrationPost.Parse(body, context);
            var (request, inventory) = (post.Request, post.Inventory);
            if (moves.Moving(request.App.Name) is { } busy)
            {
                return Busy(busy);
            }

            var recorder = new RunRecorder(options.RunsDirectory);
            var run = recorder.Begin(request.App.Name);
            var move = new Move(run.Id, request.App.Name, request.From, request.To, request.Strategy.ToString().ToLowerInvariant(), post.Probe);
            var current = moves.TryStart(move, async () =>
            {
                try
                {
                    // No cancellation: once started, a move runs to its end even when the page or the dashboard goes away.
                    move.Finish(await recorder.RecordAsync(context.Migration(inventory, post.Probe, move.OnProbeCount), request, run, move.OnStep, CancellationToken.None));
                }
                catch (Exception e)
                {
                    move.Fail(e.Message);
                    if (e is not (AppException or InventoryException or PlanValidationException or RemoteTaskException or RemoteShellException or TemplateException or ArgumentException))
                    {
                        Console.Error.WriteLine($"dashboard: move {move.Id} failed with a bug: {e}");
                    }
                }
            });
            if (current is not null)
            {
                Directory.Delete(run.Directory, recursive: true);
                return Busy(current);
            }

            return Results.Json(new { id = move.Id }, Json, statusCode: StatusCodes.Status202Accepted);
        });
        web.MapGet("/api/migrations/{id}/events", async (string id, HttpContext http, CancellationToken ct) =>
        {
            if (moves.Find(id) is not { } move)
            {
                await Error(http, StatusCodes.Status404NotFound, $"no migration '{id}' was started from this dashboard; past runs are at /api/runs");
                return;
            }

            // A reconnecting EventSource says what it has seen; it gets only what came after.
            var seen = int.TryParse(http.Request.Headers["Last-Event-ID"], out var last) ? last : -1;
            http.Response.ContentType = "text/event-stream";
            await http.Response.Body.FlushAsync(ct);
            var reader = move.Watch();
            try
            {
                await foreach (var (sequence, e) in reader.ReadAllAsync(ct))
                {
                    if (sequence > seen)
                    {
                        await http.Response.WriteAsync(e.Format(sequence), ct);
                        await http.Response.Body.FlushAsync(ct);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The page went away; the move goes on.
            }
            finally
            {
                move.Unwatch(reader);
            }
        });
    }

    private static IResult Busy(Move current) => Results.Json(
        new { error = $"{current.App} is already moving ({current.From} → {current.To}, migration {current.Id}); one move per application at a time: wait until it ends", id = current.Id },
        Json, statusCode: StatusCodes.Status409Conflict);

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxBody + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        return read > MaxBody ? throw new UsageException($"the body is larger than {MaxBody} bytes") : new string(buffer, 0, read);
    }

    private static IResult Page(string name, string contentType)
    {
        var stream = typeof(DashboardServer).Assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"the dashboard page's {name} is not embedded in ferry");
        return Results.Stream(stream, contentType);
    }

    private static Task Error(HttpContext http, int status, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = message }, Json);
    }
}

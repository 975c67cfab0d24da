using Ferry.MigrationSteps.Apps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Probe;

/// <summary>Runs the load generator on the stack's client host, aimed only at the stack's own front.</summary>
public sealed class ClientProbe(IRemoteShell shell, TemplateRenderer templates, HostInventory inventory)
{
    private readonly string _work = $"/tmp/ferry-probe-{Guid.NewGuid():N}";

    private InventoryHost Client => inventory.WithRole("client").FirstOrDefault() ?? throw new AppException($"stack '{inventory.Stack}' has no client host to run the probe on");

    public ProbeOptions? Options { get; private set; }

    public async Task StartAsync(AppDefinition app, ProbeOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var service = FrontServices.For(app, inventory).FirstOrDefault()
            ?? throw new AppException($"application {app.Name} is not published on the front (no 'front:' in its file): the probe only talks to the front");
        var script = templates.Render("probe/probe.py", new
        {
            Config = new Dictionary<string, object>
            {
                ["host"] = service.Bind,
                ["port"] = service.FrontPort,
                ["mode"] = service.Http ? "http" : "redis",
                ["clients"] = options.Clients,
                ["seconds"] = options.Seconds,
                ["maxRequests"] = options.MaxRequests,
                ["timeoutSeconds"] = options.TimeoutSeconds,
                ["stopFile"] = $"{_work}/stop",
                ["output"] = $"{_work}/results.csv",
            },
        });
        var result = await shell.RunScriptAsync(Client, templates.Render("probe/start.sh", new { Work = _work, Script = script }), cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new AppException($"starting the probe on {Client.Name} failed: {result.Tail()}");
        }

        Options = options;
    }

    /// <returns>The raw CSV and its summary.</returns>
    public async Task<(string Csv, ProbeSummary Summary)> StopAsync(CancellationToken cancellationToken = default)
    {
        var options = Options ?? throw new InvalidOperationException("the probe was not started");
        var result = await shell.RunScriptAsync(Client, templates.Render("probe/stop.sh", new { Work = _work }), timeout: TimeSpan.FromSeconds(options.TimeoutSeconds + 90), cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            throw new AppException($"the probe on {Client.Name} failed: {result.Tail()}");
        }

        return (result.StandardOutput, ProbeSummary.From(options.Clients, ProbeSample.ParseCsv(result.StandardOutput)));
    }
}

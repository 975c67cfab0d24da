using System.Globalization;
using Ferry.MigrationSteps.Apps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;

namespace Ferry.MigrationSteps.Probe;

/// <summary>Runs the load generator on the stack's client host, aimed only at the stack's own front.</summary>
public sealed class ClientProbe(RemoteContext remote, HostInventory inventory)
{
    private static readonly ScriptTask<ProbeStartInputs> Start = new(Timeouts.Query);
    private static readonly ScriptTask<ProbeLiveInputs> Live = new(Timeouts.Query);

    private InventoryHost Client => inventory.WithRole(HostRole.Client).FirstOrDefault() ?? throw new AppException($"stack '{inventory.Stack}' has no client host to run the probe on");

    public async Task<ProbeSession> StartAsync(AppDefinition app, ProbeOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var service = FrontServices.For(app, inventory).FirstOrDefault()
            ?? throw new AppException($"application {app.Name} is not published on the front (no 'front:' in its file): the probe only talks to the front");
        var declared = app.Containers.FirstOrDefault(c => c.Front is not null)?.Probe
            ?? throw new AppException($"application {app.Name} declares no probe: add to its published container probe: {{ http: /path }} or probe: {{ send: ..., expect: ... }}");
        var session = new ProbeSession(Client, $"/tmp/ferry-probe-{Guid.NewGuid():N}", options);
        var script = remote.Templates.Render(new ProbeScriptInputs(new Dictionary<string, object>
        {
            // The front's public face, as clients on the internet see it (behind a cloud's NAT it is not the bound address).
            ["host"] = inventory.WithRole(HostRole.Front).First().PublicIp ?? service.Bind,
            ["port"] = service.FrontPort,
            ["http"] = declared.HttpPath ?? "",
            ["send"] = declared.Send ?? "",
            ["expect"] = declared.Expect ?? "",
            ["count"] = declared.Count ?? "",
            ["commentsEvery"] = declared.Comments?.Every ?? 0,
            ["commentsList"] = declared.Comments?.ListPath ?? "",
            ["clients"] = options.Clients,
            ["seconds"] = options.Seconds,
            ["maxRequests"] = options.MaxRequests,
            ["timeoutSeconds"] = options.TimeoutSeconds,
            ["stopFile"] = $"{session.Work}/stop",
            ["output"] = $"{session.Work}/results.csv",
            ["live"] = $"{session.Work}/live",
            ["writes"] = $"{session.Work}/writes.json",
        }));
        await Start.RunAsync(remote, session.Client, new ProbeStartInputs(session.Work, script), cancellationToken: cancellationToken);
        return session;
    }

    /// <summary>How many requests the running probe has ended so far, and how many failed.</summary>
    public async Task<ProbeCount> CountAsync(ProbeSession session, CancellationToken cancellationToken = default)
    {
        var output = await Live.RunAsync(remote, session.Client, new ProbeLiveInputs(session.Work), cancellationToken: cancellationToken);
        return new ProbeCount(long.Parse(output.Get(OutputKeys.ProbeRequests) ?? "0", CultureInfo.InvariantCulture), long.Parse(output.Get(OutputKeys.ProbeFailed) ?? "0", CultureInfo.InvariantCulture));
    }

    /// <returns>The raw CSV, its requests, and the check of the writes the application acknowledged (null when the probe wrote nothing).</returns>
    public async Task<(string Csv, IReadOnlyList<ProbeSample> Samples, ProbeWrites? Writes)> StopAsync(ProbeSession session, CancellationToken cancellationToken = default)
    {
        var stop = new ScriptTask<ProbeStopInputs>(TimeSpan.FromSeconds(session.Options.TimeoutSeconds) + Timeouts.ProbeStop);
        var output = await stop.RunAsync(remote, session.Client, new ProbeStopInputs(session.Work), cancellationToken: cancellationToken);
        var csv = output.Text(OutputKeys.ProbeResults);
        return (csv, ProbeSample.ParseCsv(csv), output.Get(OutputKeys.ProbeWrites) is null ? null : ProbeWrites.Parse(output.Text(OutputKeys.ProbeWrites)));
    }
}

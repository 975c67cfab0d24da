using System.Diagnostics;
using System.Globalization;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Criu;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Vpn;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Engine;

/// <summary>
/// Moves an application between two hosts: preflight on both, choose the strategy, plan, run the plan,
/// and write the result. Whatever happens, the result says where the application runs.
/// </summary>
public sealed class Migrator(IRemoteShell shell, TemplateRenderer templates, HostInventory inventory, string stackDirectory)
{
    public async Task<MigrationResult> MigrateAsync(MigrationRequest request, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var app = request.App;
        var id = $"{started:yyyyMMdd-HHmmss}-{app.Name}-{Guid.NewGuid().ToString("N")[..6]}";
        var runDirectory = Path.Combine(request.RunsDirectory, id);
        Directory.CreateDirectory(runDirectory);

        Check(request);
        var factory = new ContainerInputsFactory(templates, inventory);
        var source = factory.For(app, request.From, id);
        var target = factory.For(app, request.To, id);
        var ids = source.Select(c => c.Id).ToList();
        var engine = new StepEngine(shell, templates, inventory);

        MigrationResult Finish(MigrationOutcome outcome, string strategy, string strategyReason, string? runningOn, string? reason,
            IReadOnlyList<HostCapabilities> hosts, IReadOnlyList<StepResult> steps)
        {
            var result = Summarize(id, request, strategy, strategyReason, outcome, runningOn, reason, started, clock.Elapsed, hosts, steps);
            File.WriteAllText(Path.Combine(runDirectory, "result.json"), result.ToJson());
            if (outcome == MigrationOutcome.Succeeded || runningOn == request.To)
            {
                new AppPlacement(app.Name, request.To, DateTimeOffset.UtcNow, id).Save(stackDirectory);
            }

            return result;
        }

        if (await new VpnGuard(new VpnProbe(shell, templates), inventory).RefusalAsync(request, cancellationToken) is { } refusal)
        {
            return Finish(MigrationOutcome.Refused, request.Strategy.ToString().ToLowerInvariant(), "", request.From, refusal, [], []);
        }

        var preflight = await engine.RunAsync(PlanBuilder.Preflight(request.From, request.To, ids), Path.Combine(runDirectory, "logs", "preflight"), progress, cancellationToken);
        if (!preflight.Succeeded)
        {
            return Finish(MigrationOutcome.Refused, request.Strategy.ToString().ToLowerInvariant(), "", request.From, preflight.FirstFailure!.Error, [], preflight.Steps);
        }

        var sourceCaps = HostCapabilities.FromMetrics(request.From, preflight.Steps.First(s => s.Host == request.From).Metrics);
        var targetCaps = HostCapabilities.FromMetrics(request.To, preflight.Steps.First(s => s.Host == request.To).Metrics);
        var problems = Preflight.Problems(app, ids, sourceCaps, targetCaps);
        MigrationStrategy strategy;
        string why;
        try
        {
            (strategy, why) = Preflight.Choose(request.Strategy, sourceCaps, targetCaps);
        }
        catch (PlanValidationException e)
        {
            problems = [.. problems, e.Message];
            (strategy, why) = (request.Strategy, "");
        }

        if (problems.Count > 0)
        {
            var runningOn = sourceCaps.Containers.Values.All(v => v == "running") ? request.From : null;
            return Finish(MigrationOutcome.Refused, strategy.ToString().ToLowerInvariant(), why, runningOn, "preflight refused: " + string.Join("; ", problems), [sourceCaps, targetCaps], preflight.Steps);
        }

        var plan = PlanBuilder.Build(strategy, inventory, app, request.From, request.To, source, target, sourceCaps.DirtyMemoryTracking && targetCaps.DirtyMemoryTracking, request.Compress);
        var run = await engine.RunAsync(plan, Path.Combine(runDirectory, "logs", "migrate"), progress, cancellationToken);
        var steps = preflight.Steps.Concat(run.Steps).ToList();
        var name = plan.Strategy;
        if (run.Succeeded)
        {
            return Finish(MigrationOutcome.Succeeded, name, why, request.To, null, [sourceCaps, targetCaps], steps);
        }

        var reason = run.FirstFailure!.Error;
        if (run.Completed(WellKnownSteps.Restore))
        {
            return Finish(MigrationOutcome.Failed, name, why, request.To, $"{reason}; the application runs on {request.To} but routes may still point at {request.From}", [sourceCaps, targetCaps], steps);
        }

        // A failed dump leaves the tasks running (criu resumes them); only a completed checkpoint stopped the source.
        var checkpointed = run.Completed(WellKnownSteps.Checkpoint);
        var resumed = !checkpointed || run.Completed(WellKnownSteps.RollbackSource);
        return resumed
            ? Finish(MigrationOutcome.RolledBack, name, why, request.From, reason, [sourceCaps, targetCaps], steps)
            : Finish(MigrationOutcome.Failed, name, why, null, $"{reason}; bringing it back on {request.From} failed too: {run.Step(WellKnownSteps.RollbackSource)?.Error}", [sourceCaps, targetCaps], steps);
    }

    private void Check(MigrationRequest request)
    {
        foreach (var name in new[] { request.From, request.To })
        {
            var host = inventory.Host(name);
            if (host.Role != "workload")
            {
                throw new AppException($"host {name} is a {host.Role}; applications run on workload hosts ({string.Join(", ", inventory.WithRole("workload").Select(h => h.Name))})");
            }
        }

        if (request.From == request.To)
        {
            throw new AppException($"--from and --to are both {request.From}; pick another target");
        }

        var placed = AppPlacement.Load(stackDirectory, request.App.Name)
            ?? throw new AppException($"application {request.App.Name} is not deployed on stack '{inventory.Stack}'; deploy it with 'ferry app deploy {request.App.Name} --host {request.From}'");
        if (placed.Host != request.From)
        {
            throw new AppException($"application {request.App.Name} runs on {placed.Host}, not on {request.From}");
        }
    }

    private static MigrationResult Summarize(
        string id, MigrationRequest request, string strategy, string why, MigrationOutcome outcome, string? runningOn, string? reason,
        DateTimeOffset started, TimeSpan elapsed, IReadOnlyList<HostCapabilities> hosts, IReadOnlyList<StepResult> steps)
    {
        double? Time(string step, string metric) =>
            steps.Where(s => s.Name == step).Select(s => s.Metrics.GetValueOrDefault(metric)).FirstOrDefault(v => v is not null) is { } text
                ? double.Parse(text, CultureInfo.InvariantCulture) : null;

        var freeze = Time(WellKnownSteps.Checkpoint, "freeze_start");
        var answering = Time(WellKnownSteps.CutOver, "answering_at");
        var downtime = freeze is { } f && answering is { } a ? Math.Round(a - f, 4) : (double?)null;
        var forwardEnd = steps.Where(s => s.Name == WellKnownSteps.CutOver).Select(s => s.EndedAt).Max();
        var criu = new Dictionary<string, CriuStats>();
        foreach (var (key, value) in steps.SelectMany(s => s.Metrics))
        {
            if (key.StartsWith("criu_stats_", StringComparison.Ordinal) && key.IndexOf('.') is var dot and > 0)
            {
                var container = key[(dot + 1)..];
                CriuStats stats;
                try
                {
                    stats = CriuStats.Parse(Convert.FromBase64String(value));
                }
                catch (FormatException)
                {
                    // Figures only: a damaged stats image must not fail a migration that has already happened.
                    continue;
                }

                criu[container] = criu.TryGetValue(container, out var known) ? known.Merge(stats) : stats;
            }
        }

        // Everything the source sent towards the target (rsync, page server, lazy pages, ssh), from its interface counter.
        // The counters come from $(tx_bytes ...) inside echo, which prints an empty value when the lookup fails.
        var txBefore = steps.Select(s => long.TryParse(s.Metrics.GetValueOrDefault("tx_before"), out var b) ? b : -1).Where(b => b >= 0).DefaultIfEmpty(-1).Min();
        var txAfter = steps.Select(s => long.TryParse(s.Metrics.GetValueOrDefault("tx_after"), out var a) ? a : -1).FirstOrDefault(a => a >= 0, -1);
        var rsyncBytes = steps.Sum(s => long.TryParse(s.Metrics.GetValueOrDefault("bytes_sent"), out var b) ? b : 0);
        var bytes = txBefore >= 0 && txAfter >= 0 ? txAfter - txBefore : rsyncBytes;
        return new MigrationResult(
            id, request.App.Name, request.From, request.To, strategy, why, outcome, runningOn, reason, started, started + elapsed,
            downtime, forwardEnd is { } end ? Math.Round((end - started).TotalSeconds, 3) : null, Math.Round(elapsed.TotalSeconds, 3),
            bytes, rsyncBytes, criu, hosts, steps);
    }
}

using System.Diagnostics;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Criu;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Sampling;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Vpn;

namespace Ferry.MigrationSteps.Migration;

/// <summary>
/// Moves an application between two hosts: choose the strategy from both hosts' cached facts, then at once
/// the VPN guard, the source's preflight and the target's preparation (which reports what the target has
/// free); refuse (undoing the preparation) or run the rest of the plan. Whatever happens, the result says
/// where the application runs.
/// </summary>
public sealed class Migrator(RemoteContext remote, HostInventory inventory, string stackDirectory) : IMigration
{
    private readonly HostFactsCache _facts = new(remote, stackDirectory);

    /// <summary>See <see cref="StepEngine.RetryDelays"/>.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = StepEngine.DefaultRetryDelays;

    /// <summary>The link's rate between the sites when the stack says it (a shaped local cloud); null: measured when auto needs it.</summary>
    public double? LinkBitsPerSecond { get; init; }

    public async Task<MigrationResult> RunAsync(MigrationRequest request, RunRecord run, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var app = request.App;
        Check(request);
        using var lease = MoveLease.Take(stackDirectory, app.Name, run.Id, app.Containers.Count);
        var factory = new ContainerInputsFactory(remote.Templates, inventory);
        var source = factory.For(app, request.From, run.Id, lease.PagePorts);
        var target = factory.For(app, request.To, run.Id, lease.PagePorts);
        var ids = source.Select(c => c.Id).ToList();
        var engine = new StepEngine(remote, inventory) { RetryDelays = RetryDelays };
        var requested = request.Strategy.ToString().ToLowerInvariant();
        AppSample? sampled = null;

        MigrationResult Finish(MigrationOutcome outcome, string strategy, string strategyReason, string? runningOn, string? reason,
            IReadOnlyList<HostCapabilities> hosts, IReadOnlyList<StepResult> steps)
        {
            if (outcome == MigrationOutcome.Succeeded || runningOn == request.To)
            {
                new AppPlacement(app.Name, request.To, DateTimeOffset.UtcNow, run.Id).Save(stackDirectory);
            }

            // A cleanup that could not remove everything does not change where the application runs, but is said.
            var cleanups = steps.Where(s => s.Kind is StepKind.CleanupSource or StepKind.CleanupTarget && s.Status == StepStatus.Failed)
                .Select(s => s.Error).ToList();
            if (cleanups.Count > 0)
            {
                reason = string.Join("; ", (reason is null ? [] : new[] { reason }).Concat(cleanups));
            }

            return Summarize(run.Id, request, strategy, strategyReason, outcome, runningOn, reason, started, clock.Elapsed, hosts, steps) with { Sample = sampled };
        }

        // Independent work goes out together: is the tunnel up, what do both hosts have free now, and the
        // target's preparation, which the strategy (from the hosts' cached facts) already decides. A refusal
        // afterwards undoes the preparation; the source is untouched until the hold.
        var guard = new VpnGuard(new VpnProbe(remote), inventory).RefusalAsync(app.Name, request.From, request.To, request.InsecureDirect, CancellationToken.None);
        var steps = new List<StepResult>();
        for (var attempt = 1; ; attempt++)
        {
            var (facts, capable, strategy, why, sample) = await ChooseAsync(request, ids, sampled, cancellationToken);
            sampled = sample;
            if (strategy is null)
            {
                await guard;
                return Finish(MigrationOutcome.Refused, requested, "", request.From, "preflight refused: " + why, capable, steps);
            }

            var context = Context(request, source, target);
            var (prepare, rest) = PlanBuilder.Build(strategy, context).Split(s => s.Kind == StepKind.PrepareTarget);
            // The source reports what it has free in preflight; the target in prepare-target.
            var early = new MigrationPlan(strategy.Name,
            [
                new MigrationStep<PreflightInputs>(request.From, StepRole.Source, new PreflightInputs(ids)),
                .. prepare.Steps,
            ]);
            var first = await engine.RunAsync(early, run.Logs(attempt == 1 ? "preflight" : $"preflight-{attempt}"), progress, cancellationToken);
            await guard;
            steps.AddRange(first.Steps);
            var prepared = first.Steps.Single(s => s.Kind == StepKind.PrepareTarget);
            var reports = new[] { first.Steps.Single(s => s.Kind == StepKind.Preflight), prepared };

            async Task UndoPrepareAsync()
            {
                // Nothing to undo when prepare-target refused before it changed anything (the container was already there).
                if (prepared.ExitCode != ExitCodes.Refused)
                {
                    steps.AddRange((await engine.RunAsync(PlanBuilder.Undo(context), run.Logs("undo"), progress, CancellationToken.None)).Steps);
                }
            }

            async Task<MigrationResult> RefuseAsync(string reason, IReadOnlyList<HostCapabilities> hosts)
            {
                await UndoPrepareAsync();

                // Refused means untouched: the application is where it was, unless the source says it is not running there.
                var states = ScriptOutput.WithPrefix(reports[0].Metrics, OutputKeys.Container);
                var runningOn = states.Count == 0 || states.Values.All(v => v == "running") ? request.From : null;
                return Finish(MigrationOutcome.Refused, strategy.Name, why, runningOn, reason, hosts, steps);
            }

            if (guard.Result is { } refusal)
            {
                return await RefuseAsync(refusal, []);
            }

            if (first.Interrupted)
            {
                return await RefuseAsync("ferry was interrupted before the move started", []);
            }

            if (reports[0].Status != StepStatus.Succeeded)
            {
                return await RefuseAsync(reports[0].Error ?? $"{reports[0].Id} did not run", []);
            }

            if (prepared.Status != StepStatus.Succeeded && prepared.ExitCode != ExitCodes.Refused)
            {
                return await RefuseAsync(prepared.Error ?? "prepare-target did not run", []);
            }

            var rebooted = reports.Zip(facts).Where(p => p.First.Metrics.GetValueOrDefault(OutputKeys.BootId) is { } boot && boot != p.Second.BootId).ToList();
            if (rebooted.Count > 0 && attempt == 1)
            {
                // A host restarted since its facts were learned: learn them again and plan from scratch.
                foreach (var (report, _) in rebooted)
                {
                    await _facts.LearnAsync(inventory.Host(report.Host), cancellationToken);
                }

                await UndoPrepareAsync();
                guard = Task.FromResult<string?>(null);
                continue;
            }

            var sourceCaps = HostCapabilities.From(facts[0], reports[0].Metrics);
            var targetCaps = HostCapabilities.From(facts[1], reports[1].Metrics);
            var hosts = new[] { sourceCaps, targetCaps };
            var problems = Preflight.Problems(app, ids, sourceCaps, targetCaps);
            if (problems.Count > 0)
            {
                return await RefuseAsync("preflight refused: " + string.Join("; ", problems), hosts);
            }

            if (prepared.Status != StepStatus.Succeeded)
            {
                return await RefuseAsync(prepared.Error ?? "prepare-target refused", hosts);
            }

            var result = await engine.RunAsync(rest, run.Logs("migrate"), progress, cancellationToken, first);
            steps.AddRange(result.Steps);
            if (result.Succeeded)
            {
                return Finish(MigrationOutcome.Succeeded, strategy.Name, why, request.To, null, hosts, steps);
            }

            return Failure(result, strategy.Name, why, hosts);
        }

        MigrationResult Failure(EngineRun result, string name, string why, IReadOnlyList<HostCapabilities> hosts)
        {
            var reason = result.FirstFailure?.Error ?? "ferry was interrupted";
            var checkpoint = result.Step(StepKind.Checkpoint);
            var rollback = result.Step(StepKind.RollbackSource);
            if (checkpoint?.Status == StepStatus.Failed && ids.Count > 1)
            {
                // Some containers may have been dumped (and stopped) before the checkpoint failed on another.
                var dumped = ScriptOutput.WithPrefix(checkpoint.Metrics, OutputKeys.Dumped).Keys.ToList();
                reason += $"; the checkpoint had dumped {(dumped.Count == 0 ? "no container" : string.Join(", ", dumped))} of {string.Join(", ", ids)}";
            }

            var how = ScriptOutput.WithPrefix(rollback?.Metrics ?? new Dictionary<string, string>(), OutputKeys.BroughtBack);
            if (how.Count > 0)
            {
                reason += $"; back on {request.From}: {string.Join(", ", ids.Where(how.ContainsKey).Select(i => $"{i} {how[i]}"))}";
            }

            if (rollback is null || rollback.Status == StepStatus.Skipped)
            {
                // The checkpoint never ran: the source was never stopped.
                return Finish(MigrationOutcome.RolledBack, name, why, request.From, reason, hosts, steps);
            }

            var lost = LostWritesWindow.Of(result.Steps, request.To);
            if (lost is not null)
            {
                reason += $"; {lost.Describe()}";
            }

            if (rollback.Status == StepStatus.Succeeded)
            {
                return Finish(MigrationOutcome.RolledBack, name, why, request.From, reason, hosts, steps) with { LostWrites = lost };
            }

            var under = Path.GetDirectoryName(target[0].Images);
            var kept = result.Step(StepKind.CleanupTarget)?.Status != StepStatus.Skipped
                ? ""
                : checkpoint?.Status == StepStatus.Succeeded
                    ? $"; its images are kept on {request.To} under {under}"
                    : $"; its checkpoint never completed, so no whole images of it exist; what reached {request.To} is kept under {under}";
            return Finish(MigrationOutcome.Failed, name, why, null, $"{reason}; bringing it back on {request.From} failed too: {rollback.Error}{kept}", hosts, steps) with { LostWrites = lost };
        }
    }

    /// <summary>The plan a request would run, and why its strategy, without changing anything (host facts may be asked for).</summary>
    public async Task<(MigrationPlan Plan, string Reason)> PlanAsync(MigrationRequest request, CancellationToken cancellationToken = default)
    {
        Check(request);
        var factory = new ContainerInputsFactory(remote.Templates, inventory);
        var source = factory.For(request.App, request.From, "plan");
        var target = factory.For(request.App, request.To, "plan");
        var (_, _, strategy, why, _) = await ChooseAsync(request, source.Select(c => c.Id).ToList(), null, cancellationToken);
        if (strategy is null)
        {
            throw new PlanValidationException(why);
        }

        var plan = PlanBuilder.Build(strategy, Context(request, source, target));
        PlanValidator.Validate(plan, inventory, remote.Templates);
        return (plan, why);
    }

    private PlanContext Context(MigrationRequest request, IReadOnlyList<ContainerInputs> source, IReadOnlyList<ContainerInputs> target) =>
        PlanBuilder.Context(inventory, request.App, request.From, request.To, source, target, request.Compress);

    /// <summary>
    /// Both hosts' facts (cached, or learned now), what they make of the hosts, and the strategy they allow;
    /// for auto, chosen from a sample of the running application and the link (taken once per migration).
    /// </summary>
    private async Task<(HostFacts[] Facts, HostCapabilities[] Capable, MigrationStrategy? Strategy, string Reason, AppSample? Sample)> ChooseAsync(
        MigrationRequest request, IReadOnlyList<string> ids, AppSample? sample, CancellationToken cancellationToken)
    {
        var facts = await Task.WhenAll(FactsAsync(request.From, cancellationToken), FactsAsync(request.To, cancellationToken));
        var capable = facts.Select(f => HostCapabilities.From(f, new Dictionary<string, string>())).ToArray();
        var note = "";
        if (request.Strategy == StrategyKind.Auto && sample is null)
        {
            try
            {
                sample = await new AppSampler(remote).SampleAsync(inventory.Host(request.From), inventory.Host(request.To), ids, LinkBitsPerSecond, cancellationToken);
            }
            catch (RemoteTaskException e)
            {
                // Preflight says what is wrong with the source; the choice falls back to the hosts' capabilities.
                note = $" (sampling the application failed: {e.Message})";
            }
        }

        var (strategy, why) = StrategyChooser.Choose(request.Strategy, capable[0], capable[1], sample);
        return (facts, capable, strategy, why + note, sample);
    }

    private async Task<HostFacts> FactsAsync(string host, CancellationToken cancellationToken) =>
        _facts.Cached(host) ?? await _facts.LearnAsync(inventory.Host(host), cancellationToken);

    /// <summary>The host's facts with its preflight report; facts from before a reboot are learned again.</summary>
    private async Task<HostCapabilities> CapabilitiesAsync(HostFacts facts, StepResult preflight, CancellationToken cancellationToken)
    {
        if (preflight.Metrics.GetValueOrDefault(OutputKeys.BootId) is { } boot && boot != facts.BootId)
        {
            facts = await _facts.LearnAsync(inventory.Host(facts.Host), cancellationToken);
        }

        return HostCapabilities.From(facts, preflight.Metrics);
    }

    /// <summary>Refuses, before anything runs, a request whose hosts are not workloads of the inventory or whose application is not on its source.</summary>
    /// <exception cref="AppException">The request cannot run; the message says why and what to do.</exception>
    /// <exception cref="InventoryException">A host is not in the inventory.</exception>
    public void Check(MigrationRequest request)
    {
        foreach (var name in new[] { request.From, request.To })
        {
            var host = inventory.Host(name);
            if (host.Role != HostRole.Workload)
            {
                throw new AppException($"host {name} is a {host.Role.ToString().ToLowerInvariant()}; applications run on workload hosts ({string.Join(", ", inventory.WithRole(HostRole.Workload).Select(h => h.Name))})");
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
        // Each figure only where both of its ends were measured: a missing figure is absent, never zero.
        var frozen = MigrationFigures.FreezeSeconds(steps);
        var downtime = MigrationFigures.DowntimeSeconds(steps);
        var degraded = MigrationFigures.DegradedSeconds(steps);
        var forwardEnd = steps.Where(s => s.Kind == StepKind.CutOver).Select(s => s.EndedAt).Max();
        var criu = new Dictionary<string, CriuStats>();
        foreach (var prefix in new[] { OutputKeys.CriuStatsDump, OutputKeys.CriuStatsRestore })
        {
            foreach (var (container, value) in steps.SelectMany(s => ScriptOutput.WithPrefix(s.Metrics, prefix)))
            {
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

        // What the source host itself sent to the target (rsync, page server, lazy pages, ssh), counted by a rule of
        // the move's own; its answers to clients are forwarded, not sent, and do not count. An empty value: not read.
        long Number(StepResult s, string key) => long.TryParse(s.Metrics.GetValueOrDefault(key), out var v) ? v : -1;
        var rsyncBytes = steps.Sum(s => Math.Max(0, Number(s, OutputKeys.BytesSent)));
        var counted = steps.Select(s => Number(s, OutputKeys.SentToTarget)).Where(b => b >= 0).ToList();
        var bytes = counted.Count > 0 ? counted.Sum() : rsyncBytes;
        return new MigrationResult(
            id, request.App.Name, request.From, request.To, strategy, why, outcome, runningOn, reason, started, started + elapsed,
            frozen, downtime, degraded, forwardEnd is { } end ? Math.Round((end - started).TotalSeconds, 3) : null, Math.Round(elapsed.TotalSeconds, 3),
            bytes, rsyncBytes, criu, hosts, steps) { Compressed = request.Compress };
    }
}

using System.Collections.Concurrent;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Engine;

/// <summary>
/// Runs a validated plan over SSH: forward steps as soon as their dependencies succeed (independent
/// ones in parallel), stopping at the first failure; then the rollback steps whose conditions hold;
/// then cleanup. Streams every step's output to its own log file; never logs the scripts themselves,
/// which may carry secrets.
/// </summary>
public sealed class StepEngine(IRemoteShell shell, TemplateRenderer templates, HostInventory inventory)
{
    public const string MetricPrefix = "ferry-metric ";

    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(15);

    public async Task<EngineRun> RunAsync(MigrationPlan plan, string logDirectory, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var scripts = PlanValidator.Validate(plan, inventory, templates);
        Directory.CreateDirectory(logDirectory);
        var results = new ConcurrentDictionary<string, StepResult>();
        var sequence = 0;

        var forward = plan.Steps.Where(s => s.When == StepWhen.OnSuccess).ToList();
        await RunPhaseAsync(forward, stopOnFailure: true);
        var failed = results.Values.Any(r => r.Status == StepStatus.Failed);

        bool Completed(string name) =>
            plan.Named(name).All(s => results.TryGetValue(s.Id, out var r) && r.Status == StepStatus.Succeeded);

        var after = plan.Steps
            .Where(s => s.When == StepWhen.Always || (s.When == StepWhen.OnFailure && failed))
            .Where(s => (s.IfCompleted ?? []).All(Completed) && !(s.IfNotCompleted ?? []).Any(Completed))
            .ToList();
        await RunPhaseAsync(after, stopOnFailure: false);

        foreach (var step in plan.Steps.Where(s => !results.ContainsKey(s.Id)))
        {
            results[step.Id] = new StepResult(step.Name, step.Host, step.Role, StepStatus.Skipped, null, null, null, new Dictionary<string, string>(), null, null);
        }

        var ordered = plan.Steps.Select(s => results[s.Id]).ToList();
        var firstFailure = forward.Select(s => results[s.Id]).Where(r => r.Status == StepStatus.Failed).MinBy(r => r.EndedAt);
        return new EngineRun(ordered, firstFailure);

        async Task RunPhaseAsync(List<MigrationStep> steps, bool stopOnFailure)
        {
            var names = steps.Select(s => s.Name).ToHashSet();
            var pending = new List<MigrationStep>(steps);
            var running = new Dictionary<Task<StepResult>, MigrationStep>();
            var stop = false;
            while (pending.Count > 0 || running.Count > 0)
            {
                if (!stop)
                {
                    // A dependency outside this phase (or skipped) counts as satisfied: cleanup depends on order, not success.
                    var ready = pending.Where(s => s.DependsOn.All(d =>
                        !names.Contains(d) || steps.Where(x => x.Name == d).All(x => results.ContainsKey(x.Id)))).ToList();
                    if (stopOnFailure)
                    {
                        ready = ready.Where(s => s.DependsOn.All(d => plan.Named(d).All(x => results.TryGetValue(x.Id, out var r) && r.Status == StepStatus.Succeeded))).ToList();
                    }

                    foreach (var step in ready)
                    {
                        pending.Remove(step);
                        var index = Interlocked.Increment(ref sequence);
                        running[RunStepAsync(step, scripts[step.Id], Path.Combine(logDirectory, $"{index:D2}-{step.Name}@{step.Host}.log"))] = step;
                    }
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running.Keys);
                var result = await done;
                results[running[done].Id] = result;
                running.Remove(done);
                if (result.Status == StepStatus.Failed && stopOnFailure)
                {
                    stop = true;
                }
            }
        }

        async Task<StepResult> RunStepAsync(MigrationStep step, string script, string logPath)
        {
            var host = inventory.Host(step.Host);
            var metrics = new ConcurrentDictionary<string, string>();
            progress?.Invoke(new StepEvent(step.Id, "started"));
            var started = DateTimeOffset.UtcNow;
            await using var log = new StreamWriter(logPath) { AutoFlush = true };
            var gate = new object();
            void OnLine(string line)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }

                if (line.StartsWith(MetricPrefix, StringComparison.Ordinal))
                {
                    var pair = line[MetricPrefix.Length..];
                    var eq = pair.IndexOf('=');
                    if (eq > 0)
                    {
                        metrics[pair[..eq]] = pair[(eq + 1)..];
                    }
                }
                else
                {
                    progress?.Invoke(new StepEvent(step.Id, "output", line));
                }
            }

            StepResult result;
            try
            {
                var run = await shell.RunScriptAsync(host, script, OnLine, StepTimeout, cancellationToken);
                var status = run.Succeeded ? StepStatus.Succeeded : StepStatus.Failed;
                var error = run.Succeeded ? null : $"step {step.Name} on {step.Host} failed (exit {run.ExitCode}): {run.Tail(6)}";
                result = new StepResult(step.Name, step.Host, step.Role, status, started, DateTimeOffset.UtcNow, run.ExitCode, new Dictionary<string, string>(metrics), error, logPath);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever kept the step from running (ssh missing, a broken pipe) is that step's failure,
                // so the rollback still runs.
                result = new StepResult(step.Name, step.Host, step.Role, StepStatus.Failed, started, DateTimeOffset.UtcNow, null, new Dictionary<string, string>(metrics),
                    $"step {step.Name} on {step.Host} could not run: {e.Message}", logPath);
            }

            progress?.Invoke(new StepEvent(step.Id, "finished", Result: result));
            return result;
        }
    }
}

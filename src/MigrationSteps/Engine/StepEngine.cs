using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Remote;
using Ferry.Provisioning.Scripts;
using Ferry.Provisioning.Ssh;

namespace Ferry.MigrationSteps.Engine;

/// <summary>
/// Runs a validated plan: forward steps as soon as their dependencies succeed (independent ones in
/// parallel), stopping at the first failure or when cancelled; then the rollback steps whose conditions hold;
/// then cleanup. Cancelling stops the forward path only: rollback and cleanup always run to their end.
/// Streams every step's output to its own log file; never logs the scripts themselves, which may carry
/// secrets. A step that fails remotely is that step's failure; an exception that is a bug still lets the
/// rollback and cleanup run, and is thrown again afterwards.
/// </summary>
public sealed class StepEngine(RemoteContext remote, HostInventory inventory)
{
    /// <summary>Waits before each new attempt of a failed rollback, release or cleanup step (15 s in all).</summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; init; } = DefaultRetryDelays;

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    /// <param name="prior">An earlier run whose steps this plan may depend on (they count as finished as they ended).</param>
    public async Task<EngineRun> RunAsync(MigrationPlan plan, string logDirectory, Action<StepEvent>? progress = null, CancellationToken cancellationToken = default, EngineRun? prior = null)
    {
        var scripts = PlanValidator.Validate(plan, inventory, remote.Templates, prior?.Plan.Steps);
        Directory.CreateDirectory(logDirectory);
        var results = new ConcurrentDictionary<MigrationStep, StepResult>(ReferenceEqualityComparer.Instance);
        foreach (var (step, result) in prior?.Plan.Steps.Zip(prior.Steps) ?? [])
        {
            results[step] = result;
        }

        var bugs = new ConcurrentQueue<ExceptionDispatchInfo>();
        var sequence = 0;

        bool Completed(MigrationStep step) => results.TryGetValue(step, out var r) && r.Status == StepStatus.Succeeded;
        StepStatus? Status(MigrationStep step) => results.TryGetValue(step, out var r) ? r.Status : null;

        // Cancelled (ferry interrupted), the forward path stops where it is and counts as failed; rollback,
        // release and cleanup still run, uncancelled: they are what leaves the application running somewhere.
        var forward = plan.Steps.Where(s => s.When == StepWhen.OnSuccess).ToList();
        var armed = new Dictionary<MigrationStep, (StepLog Log, Task<IArmedScript> Script)>(ReferenceEqualityComparer.Instance);
        try
        {
            await RunPhaseAsync(forward, stopOnFailure: true, cancellationToken, _ => null);
        }
        finally
        {
            // Armed steps the forward path never reached end at their gate, before any rollback runs.
            await Task.WhenAll(armed.Values.Select(a => DisarmAsync(a.Log, a.Script)));
        }

        var firstFailure = forward.Select(s => results.GetValueOrDefault(s)).Where(r => r?.Status == StepStatus.Failed).MinBy(r => r!.EndedAt);
        var interrupted = cancellationToken.IsCancellationRequested && forward.Any(s => !Completed(s));
        foreach (var step in forward.Where(s => !results.ContainsKey(s)))
        {
            results[step] = StepResult.Skipped(step, firstFailure is null
                ? interrupted ? "ferry was interrupted before it started" : $"a step it depends on did not succeed ({string.Join(", ", step.DependsOn.Where(d => !Completed(d)).Select(d => d.Id))})"
                : $"the forward path stopped at {firstFailure.Id}");
        }

        var failed = firstFailure is not null || interrupted;

        // A condition is judged when the step is ready to start, so that it can depend on how an earlier
        // rollback step ended (the target keeps its images when the source could not take the application back).
        string? SkipReason(MigrationStep step) =>
            step.When == StepWhen.OnFailure && !failed ? "the migration succeeded; nothing to roll back"
            : step.When == StepWhen.AfterSuccess && failed ? "the migration did not succeed; the source keeps its copy"
            : step.Condition is { } condition && !condition.Holds(Status) ? $"its condition does not hold ({condition})"
            : null;

        await RunPhaseAsync(plan.Steps.Where(s => s.When != StepWhen.OnSuccess).ToList(), stopOnFailure: false, CancellationToken.None, SkipReason);
        if (!bugs.IsEmpty)
        {
            bugs.First().Throw();
        }

        return new EngineRun(plan, plan.Steps.Select(s => results[s]).ToList(), firstFailure, interrupted);

        async Task RunPhaseAsync(List<MigrationStep> steps, bool stopOnFailure, CancellationToken token, Func<MigrationStep, string?> skip)
        {
            var inPhase = steps.ToHashSet(ReferenceEqualityComparer.Instance);
            var pending = new List<MigrationStep>(steps);
            var running = new Dictionary<Task<StepResult>, MigrationStep>();
            var stop = false;
            while (pending.Count > 0 || running.Count > 0)
            {
                while (!stop && !token.IsCancellationRequested)
                {
                    // On the forward path a step waits for its dependencies to succeed; in rollback and cleanup
                    // only for them to have finished (or not to run at all): order matters there, not success.
                    var ready = pending.Where(s => s.DependsOn.All(d => stopOnFailure
                        ? Completed(d)
                        : !inPhase.Contains(d) || results.ContainsKey(d))).ToList();
                    var skipped = false;
                    foreach (var step in ready)
                    {
                        pending.Remove(step);
                        if (skip(step) is { } reason)
                        {
                            results[step] = StepResult.Skipped(step, reason);
                            skipped = true;
                            continue;
                        }

                        var ahead = armed.Remove(step, out var a) ? a : default;
                        var log = ahead.Log?.Path ?? LogPath(step);
                        // Started on the pool: opening a script's channel blocks for a round trip, and steps
                        // ready together (the cut-over on every router) would otherwise start one after another.
                        running[Task.Run(() => stopOnFailure ? RunStepAsync(step, log, token, ahead.Log, ahead.Script) : RunUntilItHoldsAsync(step, log), CancellationToken.None)] = step;
                    }

                    // On the forward path, a step with a gate whose dependencies have all started or are armed
                    // is armed now: its script is on its host, waiting, when they have succeeded.
                    if (stopOnFailure && !stop && !token.IsCancellationRequested)
                    {
                        var starting = running.Values.ToHashSet(ReferenceEqualityComparer.Instance);
                        List<MigrationStep> arm;
                        do
                        {
                            arm = [.. pending.Where(s => !armed.ContainsKey(s) && ScriptGate.Has(scripts[s])
                                && s.DependsOn.All(d => Completed(d) || starting.Contains(d) || armed.ContainsKey(d)))];
                            foreach (var step in arm)
                            {
                                var log = new StepLog(LogPath(step), step.Id, progress);
                                armed[step] = (log, Task.Run(() => step.ArmAsync(remote, inventory.Host(step.Host), scripts[step], log.OnLine, CancellationToken.None), CancellationToken.None));
                            }
                        }
                        while (arm.Count > 0);
                    }

                    // A skipped step may be all that another was waiting for.
                    if (!skipped)
                    {
                        break;
                    }
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running.Keys);
                var result = await done;
                results[running[done]] = result;
                running.Remove(done);
                stop |= result.Status == StepStatus.Failed && stopOnFailure;
            }
        }

        // Rollback, release and cleanup are what leave the application running and the hosts clean, and their
        // scripts are safe to run again: a host that was briefly unreachable, or a script killed midway, gets
        // another go before the step counts as failed.
        async Task<StepResult> RunUntilItHoldsAsync(MigrationStep step, string logPath)
        {
            var result = await RunStepAsync(step, logPath, CancellationToken.None);
            for (var attempt = 0; attempt < RetryDelays.Count && result.Status == StepStatus.Failed; attempt++)
            {
                await Task.Delay(RetryDelays[attempt], CancellationToken.None);
                result = await RunStepAsync(step, $"{logPath[..^4]}.retry{attempt + 1}.log", CancellationToken.None);
            }

            return result;
        }

        string LogPath(MigrationStep step) => Path.Combine(logDirectory, $"{Interlocked.Increment(ref sequence):D2}-{step.Id}.log");

        async Task<StepResult> RunStepAsync(MigrationStep step, string logPath, CancellationToken token, StepLog? armedLog = null, Task<IArmedScript>? arming = null)
        {
            var host = inventory.Host(step.Host);
            progress?.Invoke(new StepEvent(step.Id, StepEventPhase.Started));
            var started = DateTimeOffset.UtcNow;
            using var log = armedLog ?? new StepLog(logPath, step.Id, progress);
            IArmedScript? armedScript = null;
            if (arming is not null)
            {
                try
                {
                    armedScript = await arming;
                }
                catch (RemoteShellException)
                {
                    // Not armed after all (the host could not be reached then): the step starts its script now.
                }
            }

            StepResult Result(StepStatus status, int? exitCode, string? error) =>
                new(step.Kind, step.Host, step.Role, status, started, DateTimeOffset.UtcNow, exitCode, new Dictionary<string, string>(log.Outputs), error, logPath);

            StepResult result;
            try
            {
                await using var owned = armedScript;
                var output = armedScript is null
                    ? await step.RunAsync(remote, host, scripts[step], log.OnLine, token)
                    : await step.RunArmedAsync(armedScript, host, token);
                log.Keep(output.Values);
                result = Result(StepStatus.Succeeded, output.Result.ExitCode, null);
            }
            catch (RemoteTaskException e)
            {
                log.Keep(ScriptOutput.Parse(e.Result?.StandardOutput ?? ""));
                result = Result(StepStatus.Failed, e.Result?.ExitCode, $"step {step.Id} failed: {e.Message}");
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                result = Result(StepStatus.Failed, null, $"step {step.Id} was stopped: ferry was interrupted");
            }
            catch (Exception e)
            {
                bugs.Enqueue(ExceptionDispatchInfo.Capture(e));
                result = Result(StepStatus.Failed, null, $"step {step.Id} could not run: {e.GetType().Name}: {e.Message}");
            }

            progress?.Invoke(new StepEvent(step.Id, StepEventPhase.Finished, Result: result));
            return result;
        }
    }

    private static async Task DisarmAsync(StepLog log, Task<IArmedScript> arming)
    {
        try
        {
            await using var script = await arming;
        }
        catch (RemoteShellException)
        {
            // Never armed: nothing waits on the host.
        }
        finally
        {
            log.Dispose();
        }
    }
}

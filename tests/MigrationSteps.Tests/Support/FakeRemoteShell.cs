using System.Collections.Concurrent;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;

namespace Ferry.MigrationSteps.Tests.Support;

/// <summary>
/// Records every script run as "step@host" (the scripts from <see cref="TempTemplates"/> start with the step's
/// name) and answers with what the test scripted; unscripted steps succeed at once. Arming is recorded as an
/// event ("arm", then "start" when run or "disarm" when disposed unrun).
/// </summary>
public sealed class FakeRemoteShell : IRemoteShell
{
    private readonly ConcurrentDictionary<string, Func<Action<string>, Task<CommandResult>>> _scripted = new();
    private readonly AsyncLocal<CancellationToken> _cancelled = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentQueue<string> Events { get; } = new();

    /// <summary>The cancellation token of the script running now (a scripted answer may wait on it).</summary>
    public CancellationToken Cancelled => _cancelled.Value;

    public static CommandResult Ok(string stdout = "") => new(0, stdout, "", TimeSpan.Zero);

    public static CommandResult Fail(int exitCode, string stderr) => new(exitCode, "", stderr, TimeSpan.Zero);

    public void On(string stepId, Func<Action<string>, Task<CommandResult>> answer) => _scripted[stepId] = answer;

    public void On(string stepId, CommandResult result) => On(stepId, _ => Task.FromResult(result));

    public async Task<CommandResult> RunScriptAsync(InventoryHost host, string script, Action<string>? onOutputLine = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var id = Id(host, script);
        Calls.Enqueue(id);
        Events.Enqueue("start " + id);
        _cancelled.Value = cancellationToken;
        var result = _scripted.TryGetValue(id, out var answer) ? await answer(onOutputLine ?? (_ => { })) : Ok();
        cancellationToken.ThrowIfCancellationRequested();
        Events.Enqueue("end " + id);
        return result;
    }

    public Task<IArmedScript> ArmAsync(InventoryHost host, string script, Action<string>? onOutputLine = null, CancellationToken cancellationToken = default)
    {
        Events.Enqueue("arm " + Id(host, script));
        return Task.FromResult<IArmedScript>(new Armed(this, host, script, onOutputLine));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Id(InventoryHost host, string script) => $"{script.Trim().Split('\n')[0]}@{host.Name}";

    private sealed class Armed(FakeRemoteShell shell, InventoryHost host, string script, Action<string>? onOutputLine) : IArmedScript
    {
        private bool _ran;

        public Task<CommandResult> RunAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            _ran = true;
            return shell.RunScriptAsync(host, script, onOutputLine, timeout, cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            if (!_ran)
            {
                shell.Events.Enqueue("disarm " + Id(host, script));
            }

            return ValueTask.CompletedTask;
        }
    }
}

using System.Collections.Concurrent;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Processes;
using Ferry.Provisioning.Ssh;

namespace Ferry.MigrationSteps.Tests.Support;

/// <summary>
/// Records every script run as "step@host" (the scripts from <see cref="TempTemplates"/> are the step's name)
/// and answers with what the test scripted; unscripted steps succeed at once.
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
        var id = $"{script.Trim()}@{host.Name}";
        Calls.Enqueue(id);
        Events.Enqueue("start " + id);
        _cancelled.Value = cancellationToken;
        var result = _scripted.TryGetValue(id, out var answer) ? await answer(onOutputLine ?? (_ => { })) : Ok();
        cancellationToken.ThrowIfCancellationRequested();
        Events.Enqueue("end " + id);
        return result;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

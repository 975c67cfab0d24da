using System.Runtime.InteropServices;

namespace Ferry.Cli;

/// <summary>
/// The first SIGINT or SIGTERM cancels what ferry is doing: a migration stops its forward path, then rolls
/// back and releases held requests before it exits. The second ends ferry at once.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public Interruption()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Console.Error.WriteLine($"ferry: {context.Signal} received: stopping; a migration rolls back and releases held requests first (send it again to exit at once)");
            // Off the signal thread: cancellation callbacks may take their time.
            _ = Task.Run(_source.Cancel);
            return;
        }

        Console.Error.WriteLine($"ferry: second {context.Signal}: exiting now, whatever is under way is left as it is");
        Environment.Exit(ExitCodes.Interrupted);
    }
}

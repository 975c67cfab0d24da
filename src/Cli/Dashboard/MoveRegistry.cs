namespace Ferry.Cli.Dashboard;

/// <summary>The dashboard's moves by id, and the one rule between them: one move per application at a time.</summary>
public sealed class MoveRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Move> _byId = [];
    private readonly Dictionary<string, Move> _moving = [];
    private readonly List<Task> _running = [];

    /// <summary>The move under way for <paramref name="app"/>, or null.</summary>
    public Move? Moving(string app)
    {
        lock (_lock)
        {
            return _moving.GetValueOrDefault(app);
        }
    }

    public Move? Find(string id)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<Move> All()
    {
        lock (_lock)
        {
            return [.. _byId.Values];
        }
    }

    /// <summary>Registers the move and starts <paramref name="run"/>, unless its application is already moving (then returns that move).</summary>
    public Move? TryStart(Move move, Func<Task> run)
    {
        lock (_lock)
        {
            if (_moving.TryGetValue(move.App, out var current))
            {
                return current;
            }

            _byId[move.Id] = move;
            _moving[move.App] = move;
            _running.Add(Task.Run(async () =>
            {
                try
                {
                    await run();
                }
                finally
                {
                    lock (_lock)
                    {
                        _moving.Remove(move.App);
                    }
                }
            }));
            return null;
        }
    }

    /// <summary>Waits for every move under way: stopping the dashboard never cuts a migration short.</summary>
    public Task DrainAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_running);
        }
    }
}

using System.Text.Json;
using System.Threading.Channels;
using Ferry.MigrationSteps.Engine;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Results;
using Ferry.MigrationSteps.Steps;

namespace Ferry.Cli.Dashboard;

/// <summary>
/// A migration started from the dashboard: what it has reported so far (steps as they start and end, each
/// figure as soon as it is known, the probe's figures, the result or the error), replayed to every watcher
/// that joins late and streamed live to those already watching.
/// </summary>
public sealed class Move(string id, string app, string from, string to, string strategy, int probe)
{
    private static readonly JsonSerializerOptions Json = DashboardJson.Options;
    private readonly Lock _lock = new();
    private readonly List<MoveEvent> _events = [];
    private readonly List<Channel<(int, MoveEvent)>> _watchers = [];
    private readonly List<StepResult> _finished = [];
    private readonly HashSet<string> _figures = [];
    private bool _ended;

    public string Id { get; } = id;

    public string App { get; } = app;

    public string From { get; } = from;

    public string To { get; } = to;

    public string Strategy { get; } = strategy;

    public int Probe { get; } = probe;

    public bool Ended
    {
        get
        {
            lock (_lock)
            {
                return _ended;
            }
        }
    }

    /// <summary>The engine's progress callback: called from the engine's threads as steps start and end.</summary>
    public void OnStep(StepEvent e)
    {
        if (e.Phase == StepEventPhase.Output)
        {
            return;
        }

        var at = e.StepId.LastIndexOf('@');
        var (step, host) = at > 0 ? (e.StepId[..at], e.StepId[(at + 1)..]) : (e.StepId, "");
        var r = e.Result;
        Publish("step", new
        {
            step,
            host,
            role = r?.Role,
            phase = e.Phase == StepEventPhase.Started ? "started" : "finished",
            status = r?.Status,
            seconds = r?.Seconds,
            error = r?.Error,
            skipped = r?.SkipReason,
        });
        if (r is null)
        {
            return;
        }

        List<StepResult> finished;
        lock (_lock)
        {
            _finished.Add(r);
            finished = [.. _finished];
        }

        // The downtime is known once the cut-over (or a rollback) reports, long before cleanup ends the move.
        Figure("freeze", MigrationFigures.FreezeSeconds(finished));
        Figure("downtime", MigrationFigures.DowntimeSeconds(finished));
        Figure("degraded", MigrationFigures.DegradedSeconds(finished));
    }

    /// <summary>The probe's running counts, as the probe reports them during the move.</summary>
    public void OnProbeCount(ProbeCount count) => Publish("probe-count", count);

    public void Finish(MigrationResult result)
    {
        if (result.Probe is { } probe)
        {
            Publish("probe", probe);
        }

        Publish("result", result);
        End();
    }

    public void Fail(string message)
    {
        Publish("error", new { message });
        End();
    }

    /// <summary>Everything so far, then what comes, until the move ends or the watcher leaves.</summary>
    public ChannelReader<(int Sequence, MoveEvent Event)> Watch()
    {
        var channel = Channel.CreateUnbounded<(int, MoveEvent)>();
        lock (_lock)
        {
            for (var i = 0; i < _events.Count; i++)
            {
                channel.Writer.TryWrite((i, _events[i]));
            }

            if (_ended)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }

        return channel.Reader;
    }

    public void Unwatch(ChannelReader<(int, MoveEvent)> reader)
    {
        lock (_lock)
        {
            _watchers.RemoveAll(w => w.Reader == reader);
        }
    }

    private void Figure(string name, double? seconds)
    {
        if (seconds is null)
        {
            return;
        }

        lock (_lock)
        {
            if (!_figures.Add(name))
            {
                return;
            }
        }

        Publish("figure", new { name, seconds });
    }

    private void Publish(string type, object data)
    {
        var e = new MoveEvent(type, JsonSerializer.Serialize(data, data.GetType(), Json));
        lock (_lock)
        {
            _events.Add(e);
            foreach (var w in _watchers)
            {
                w.Writer.TryWrite((_events.Count - 1, e));
            }
        }
    }

    private void End()
    {
        lock (_lock)
        {
            _ended = true;
            foreach (var w in _watchers)
            {
                w.Writer.TryComplete();
            }

            _watchers.Clear();
        }
    }
}

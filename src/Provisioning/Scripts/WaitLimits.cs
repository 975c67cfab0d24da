using System.Reflection;

namespace Ferry.Provisioning.Scripts;

/// <summary>
/// The limits of the wait loops inside templates, in seconds, named and in one place. Templates use them
/// as <c>wait_for {{ limits.restore | q }} "what" COMMAND…</c> (partials/wait.sh), which polls until the
/// command succeeds and reports on stderr, and fails, when the limit is reached.
/// </summary>
public static class WaitLimits
{
    /// <summary>Listen queues and half-open handshakes draining before the freeze; reached, the dump goes ahead.</summary>
    public const int Drain = 2;

    /// <summary>criu's lazy dump reporting that it is ready to serve pages.</summary>
    public const int LazyDumpReady = 5;

    /// <summary>criu's lazy-pages daemon opening its socket on the target.</summary>
    public const int LazyDaemon = 5;

    /// <summary>runc restore (or run) reporting its exit status.</summary>
    public const int Restore = 60;

    /// <summary>A container starting at deploy.</summary>
    public const int Start = 10;

    /// <summary>A restored or started container answering on its port.</summary>
    public const int Answer = 30;

    /// <summary>A post-copy source ending once the target has every page (post-copy has succeeded by then).</summary>
    public const int LazySourceDone = 30;

    /// <summary>Post-copy making no progress: no page arrived on the lazy-pages daemon's connection for this long. No limit while pages flow.</summary>
    public const int LazyStall = 30;

    /// <summary>A hybrid restore's local lazy-pages daemon filling the memory from page files before the cut-over; the rest is post-copy's to wait for.</summary>
    public const int LocalFill = 10;

    /// <summary>A page server or lazy-pages daemon ending after the dump that fed it is over.</summary>
    public const int Readers = 30;

    /// <summary>A dump that a killed step left running (partials/criu-shield.sh) ending, before the rollback looks at its container.</summary>
    public const int DumpEnd = 60;

    /// <summary>A container stopping after KILL.</summary>
    public const int Stop = 3;

    /// <summary>HAProxy's admin socket appearing after a start.</summary>
    public const int FrontSocket = 5;

    /// <summary>charon answering on its control socket after a start.</summary>
    public const int Charon = 10;

    /// <summary>The client probe writing its results: its requests in flight end (at most their 30 s timeout), then it looks up the writes it was acknowledged.</summary>
    public const int ProbeResults = 80;

    /// <summary>Every limit by its name in templates (snake_case), for the templates' <c>limits</c> object.</summary>
    public static readonly IReadOnlyDictionary<string, int> All = typeof(WaitLimits)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(int))
        .ToDictionary(f => Scriban.Runtime.StandardMemberRenamer.Rename(f.Name), f => (int)f.GetRawConstantValue()!);
}

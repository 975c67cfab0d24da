namespace Ferry.MigrationSteps.Steps;

/// <summary>The typed model every migration template is rendered with.</summary>
/// <param name="Containers">The application's containers.</param>
/// <param name="Ids">Their runc ids.</param>
/// <param name="SourceIp">The source host's private address.</param>
/// <param name="TargetIp">The target host's private address (transfers and page servers use it).</param>
/// <param name="PageSourceIp">Where the target's lazy-pages daemon fetches pages from.</param>
/// <param name="Lazy">Post-copy: memory follows on demand after the restore.</param>
/// <param name="PageServer">Memory streams straight to a page server on the target.</param>
/// <param name="DirtyTracking">The kernel tracks dirty memory, so pre-dumps can be incremental.</param>
/// <param name="Compress">Compress what rsync sends (zstd).</param>
/// <param name="Routes">cut-over: this host's new routes.</param>
/// <param name="Check">cut-over: this host waits until the application answers through the new route.</param>
/// <param name="Services">The front's services for the application (hold, release, cut-over on the front).</param>
/// <param name="Maxconn">The front servers' maxconn once requests are released.</param>
public sealed record StepInputs(
    IReadOnlyList<ContainerInputs> Containers,
    IReadOnlyList<string> Ids,
    string SourceIp,
    string TargetIp,
    string PageSourceIp,
    bool Lazy,
    bool PageServer,
    bool DirtyTracking,
    bool Compress,
    IReadOnlyList<RouteInput> Routes,
    bool Check,
    IReadOnlyList<string> Services,
    string Maxconn);

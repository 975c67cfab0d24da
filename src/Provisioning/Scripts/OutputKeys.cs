using System.Reflection;

namespace Ferry.Provisioning.Scripts;

/// <summary>
/// The names a script may report, as <c>ferry-out KEY=VALUE</c> lines (parsed by Remote.ScriptOutput).
/// Templates write them as <c>out {{ keys.freeze_start | q }} "$(date +%s.%N)"</c>; a name that is not
/// here fails at render time. A key marked "prefix" is followed by ".SUFFIX" (a container id, a feature).
/// Times are Unix seconds with fractions, sizes bytes unless the name says otherwise.
/// </summary>
public static class OutputKeys
{
    // Host facts and preflight: what a host can do, and has free now.
    /// <summary>The kernel's boot id: cached facts hold until it changes.</summary>
    public const string BootId = "boot_id";
    public const string CriuVersion = "criu_version";
    public const string RuncVersion = "runc_version";
    public const string CriuCheck = "criu_check";

    /// <summary>Prefix: feature.NAME = yes | no.</summary>
    public const string Feature = "feature";
    public const string PipeMaxSize = "pipe_max_size";
    public const string Kernel = "kernel";
    public const string CpuFlags = "cpu_flags";
    public const string Cpus = "cpus";
    public const string FaultMsPerGiB = "fault_ms_per_gib";
    public const string FirstTouchMsPerGiB = "first_touch_ms_per_gib";
    public const string MemAvailableMb = "mem_available_mb";
    public const string DiskAvailableMb = "disk_available_mb";

    /// <summary>Prefix: container.ID = runc's status, or absent.</summary>
    public const string Container = "container";

    // Migration timeline and traffic.
    /// <summary>Bytes the source host itself sent to the target during the move (an nftables counter): migration traffic, not answers to clients.</summary>
    public const string SentToTarget = "sent_to_target";
    public const string HeldAt = "held_at";
    public const string FreezeStart = "freeze_start";
    public const string CheckpointEnd = "checkpoint_end";
    public const string RestoredAt = "restored_at";
    public const string AnsweringAt = "answering_at";
    public const string ReleasedAt = "released_at";
    public const string ResumedAt = "resumed_at";
    public const string LazySourceDoneAt = "lazy_source_done_at";

    /// <summary>The checkpoint archive has reached the target (the Podman baseline's copy).</summary>
    public const string TransferEnd = "transfer_end";

    /// <summary>The target begins to restore (the Podman baseline's import).</summary>
    public const string RestoreStart = "restore_start";

    /// <summary>Size of a checkpoint archive as written (the Podman baseline's export, zstd).</summary>
    public const string ArchiveBytes = "archive_bytes";

    /// <summary>Prefix: lazy_source_exit.ID = exit status of the post-copy source's dump (0: every page served).</summary>
    public const string LazySourceExit = "lazy_source_exit";

    /// <summary>Prefix: lazy_target_exit.ID = exit status of the target's lazy-pages daemon (0: every page fetched).</summary>
    public const string LazyTargetExit = "lazy_target_exit";

    /// <summary>Prefix: post_copy_answer.ID = yes | no: the container answered its health check once every page was local.</summary>
    public const string PostCopyAnswer = "post_copy_answer";
    public const string BytesSent = "bytes_sent";

    /// <summary>checkpoint, per container (suffix .ID): microseconds its freezer write and network cut took (part of the freeze).</summary>
    public const string FreezeCostUs = "freeze_cost_us";

    /// <summary>checkpoint, per container (suffix .ID): yes once its dump succeeded.</summary>
    public const string Dumped = "dumped";

    /// <summary>rollback-source, per container (suffix .ID): running (never stopped), resumed (thawed) or restored (from its images).</summary>
    public const string BroughtBack = "brought_back";

    /// <summary>rollback-target: when the restored application on the target stopped (it acknowledged writes until then).</summary>
    public const string TargetStoppedAt = "target_stopped_at";

    /// <summary>cleanup steps: what they could not remove, when anything.</summary>
    public const string Left = "left";
    /// <summary>Prefix: precopy_rounds.ID = rounds of memory shipped while the application ran (hybrid).</summary>
    public const string PrecopyRounds = "precopy_rounds";

    /// <summary>Prefix: precopy_changed_bytes.ID = bytes changed in the last round, left for the freeze (hybrid).</summary>
    public const string PrecopyChangedBytes = "precopy_changed_bytes";

    /// <summary>Prefix: delta_literal_bytes.ID = page bytes of the final dump sent at the freeze (hybrid).</summary>
    public const string DeltaLiteralBytes = "delta_literal_bytes";

    /// <summary>Prefix: delta_copied_bytes.ID = page bytes of the final dump the target already had (hybrid).</summary>
    public const string DeltaCopiedBytes = "delta_copied_bytes";

    /// <summary>Prefix: images_in_memory.ID = yes where the final dump went to a tmpfs, no where to disk (hybrid).</summary>
    public const string ImagesInMemory = "images_in_memory";

    /// <summary>Prefix: parent_bytes.ID = of those, bytes the restore read from the pre-copied copy as criu's parent images instead of a rebuilt page file (hybrid).</summary>
    public const string ParentBytes = "parent_bytes";

    /// <summary>Sampled before an automatic choice: resident private memory of the application's processes, bytes.</summary>
    public const string SampleMemoryBytes = "sample_memory_bytes";

    /// <summary>Sampled: bytes of memory rewritten in the first half of the sample.</summary>
    public const string SampleDirtySet = "sample_dirty_set";

    /// <summary>Sampled: bytes per second by which the rewritten memory grew beyond that, in the second half.</summary>
    public const string SampleDirtyRate = "sample_dirty_rate";

    /// <summary>Sampled: bytes of memory touched (read or written) in the first half of the sample.</summary>
    public const string SampleWorkingSet = "sample_working_set";

    /// <summary>Sampled: bytes per second by which the touched memory grew beyond that, in the second half.</summary>
    public const string SampleTouchRate = "sample_touch_rate";

    /// <summary>Measured: bytes per second from the source to the target.</summary>
    public const string LinkRate = "link_rate";

    /// <summary>Prefix: criu_stats_dump.ID = base64 of criu's stats-dump image.</summary>
    public const string CriuStatsDump = "criu_stats_dump";

    /// <summary>Prefix: criu_stats_restore.ID = base64 of criu's stats-restore image.</summary>
    public const string CriuStatsRestore = "criu_stats_restore";

    // Provisioning.
    /// <summary>not-configured | charon-down | running.</summary>
    public const string VpnDaemon = "vpn_daemon";

    /// <summary>kernel | libipsec: where ESP runs on a gateway.</summary>
    public const string VpnBackend = "vpn_backend";

    /// <summary>Prefix: vpn_installed_after.CHILD = seconds until the child SA was installed.</summary>
    public const string VpnInstalledAfter = "vpn_installed_after";

    /// <summary>base64 of <c>swanctl --list-sas --pretty</c>.</summary>
    public const string VpnSas = "vpn_sas";

    /// <summary>none (no cloud-init on the host) | the first-boot script's report, e.g. "criu 4.2.1".</summary>
    public const string FirstBoot = "first_boot";

    /// <summary>unchanged | reloaded | started.</summary>
    public const string FrontConfig = "front_config";

    // ferry smoke: one workload pushes a file to a workload in the other site over the peer key.
    /// <summary>Bytes rsync sent across the sites.</summary>
    public const string CrossSiteBytes = "cross_site_bytes";

    /// <summary>Seconds the cross-site push took.</summary>
    public const string CrossSiteSeconds = "cross_site_seconds";

    /// <summary>same | differs: the pushed file's SHA-256 on the far workload against the sender's.</summary>
    public const string CrossSiteChecksum = "cross_site_checksum";

    /// <summary>Requests the running probe has ended so far.</summary>
    public const string ProbeRequests = "probe_requests";

    /// <summary>Of those, the ones that failed.</summary>
    public const string ProbeFailed = "probe_failed";

    /// <summary>base64 of the probe's results.csv.</summary>
    public const string ProbeResults = "probe_results";

    /// <summary>base64 JSON: the writes the application acknowledged to the probe, and how many of them it lost.</summary>
    public const string ProbeWrites = "probe_writes";

    /// <summary>Every key, for the templates' <c>keys</c> object.</summary>
    public static readonly IReadOnlyList<string> All = typeof(OutputKeys)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}

namespace Ferry.Provisioning.Scripts;

/// <summary>
/// Every time limit of remote and local work, named and in one place. Wait loops inside templates get
/// theirs from <see cref="WaitLimits"/> and report when they reach it.
/// </summary>
public static class Timeouts
{
    /// <summary>Seconds for a TCP connection and SSH handshake to a host's sshd.</summary>
    public const int SshConnectSeconds = 5;

    /// <summary>Seconds between keepalives on every controller connection.</summary>
    public const int SshKeepAliveSeconds = 5;

    /// <summary>A script run without a limit of its own.</summary>
    public static readonly TimeSpan Script = TimeSpan.FromMinutes(10);

    /// <summary>A cancelled script reporting its process group, so that it can be killed.</summary>
    public static readonly TimeSpan ProcessGroupReport = TimeSpan.FromSeconds(2);

    /// <summary>The command that kills a cancelled script's process group.</summary>
    public static readonly TimeSpan Kill = TimeSpan.FromSeconds(15);

    /// <summary>An SSH channel closing after its command was killed.</summary>
    public static readonly TimeSpan ChannelClose = TimeSpan.FromSeconds(5);

    /// <summary>A quick query: status, VPN state, host facts, a probe start, one command of the demo.</summary>
    public static readonly TimeSpan Query = TimeSpan.FromSeconds(30);

    /// <summary>Configuration pushed to a host, or a script on this machine: peers, front, routes, a local host.</summary>
    public static readonly TimeSpan Configure = TimeSpan.FromMinutes(2);

    /// <summary>Both gateways' child SAs installed after the VPN's configuration is loaded.</summary>
    public static readonly TimeSpan VpnInstall = TimeSpan.FromSeconds(30);

    /// <summary>Deploying or removing an application.</summary>
    public static readonly TimeSpan Deploy = TimeSpan.FromMinutes(5);

    /// <summary>An application's data loader.</summary>
    public static readonly TimeSpan Load = TimeSpan.FromMinutes(30);

    /// <summary>Building the host image (debootstrap and packages).</summary>
    public static readonly TimeSpan ImageBuild = TimeSpan.FromMinutes(30);

    /// <summary>One migration step; transfers of large images at low bandwidth need the most.</summary>
    public static readonly TimeSpan MigrationStep = TimeSpan.FromMinutes(15);

    /// <summary>Waiting for the probe to write its results after it was told to stop (beyond its request timeout).</summary>
    public static readonly TimeSpan ProbeStop = TimeSpan.FromSeconds(90);

    /// <summary>Probe traffic before and after a probed migration, so the figures show the move inside steady load.</summary>
    public static readonly TimeSpan ProbeMargin = TimeSpan.FromSeconds(1);

    /// <summary>A host's first boot by cloud-init (packages, criu check) finishing, once its sshd answers.</summary>
    public static readonly TimeSpan FirstBoot = TimeSpan.FromMinutes(10);

    /// <summary>A booting local host making its host keys, and its sshd answering.</summary>
    public static readonly TimeSpan LocalHostBoot = TimeSpan.FromSeconds(60);
}

namespace Ferry.Provisioning.Remote;

/// <summary>
/// Every time limit of remote work, named and in one place. Wait loops inside templates get theirs from
/// the inputs (see <see cref="WaitLimits"/>) and report when they reach it.
/// </summary>
public static class Timeouts
{
    /// <summary>A TCP connection to a host's sshd.</summary>
    public static readonly TimeSpan SshConnect = TimeSpan.FromSeconds(5);

    /// <summary>Keepalive on every controller connection.</summary>
    public static readonly TimeSpan SshKeepAlive = TimeSpan.FromSeconds(5);

    /// <summary>A quick query: status, VPN state, a probe start.</summary>
    public static readonly TimeSpan Query = TimeSpan.FromSeconds(30);

    /// <summary>Configuration pushed to a host: peers, front, VPN, routes.</summary>
    public static readonly TimeSpan Configure = TimeSpan.FromMinutes(2);

    /// <summary>Deploying or removing an application.</summary>
    public static readonly TimeSpan Deploy = TimeSpan.FromMinutes(5);

    /// <summary>An application's data loader.</summary>
    public static readonly TimeSpan Load = TimeSpan.FromMinutes(30);

    /// <summary>One migration step; transfers of large images at low bandwidth need the most.</summary>
    public static readonly TimeSpan MigrationStep = TimeSpan.FromMinutes(15);

    /// <summary>Waiting for the probe to write its results after it was told to stop.</summary>
    public static readonly TimeSpan ProbeStop = TimeSpan.FromSeconds(90);
}

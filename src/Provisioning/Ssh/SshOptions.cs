using Ferry.Provisioning.Scripts;

namespace Ferry.Provisioning.Ssh;

/// <summary>How ferry connects to hosts' sshd.</summary>
/// <param name="ConnectTimeout">Seconds to wait for the TCP connection and the SSH handshake.</param>
/// <param name="KeepAliveInterval">Seconds between keepalives on an open connection.</param>
public sealed record SshOptions(int ConnectTimeout = Timeouts.SshConnectSeconds, int KeepAliveInterval = Timeouts.SshKeepAliveSeconds);

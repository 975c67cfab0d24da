namespace Ferry.Provisioning.Ssh;

/// <summary>How ferry's OpenSSH client connects.</summary>
/// <param name="StateDirectory">Holds known_hosts and the ControlMaster sockets.</param>
/// <param name="ConnectTimeout">Seconds ssh waits for a TCP connection.</param>
/// <param name="ControlPersist">Seconds a master connection stays after its last use.</param>
public sealed record SshOptions(string StateDirectory, int ConnectTimeout = 5, int ControlPersist = 120);

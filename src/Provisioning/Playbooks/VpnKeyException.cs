namespace Ferry.Provisioning.Playbooks;

/// <summary>The stack's VPN key file is unsafe or damaged; the message names the file and the fix.</summary>
public sealed class VpnKeyException(string message) : Exception(message);

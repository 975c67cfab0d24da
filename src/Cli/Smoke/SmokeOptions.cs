namespace Ferry.Cli.Smoke;

/// <param name="KeyPath">Private key whose .pub the hosts accept.</param>
/// <param name="KnownHostsPath">Where the operator pins each host's key after first boot; the run waits for it.</param>
/// <param name="PinWait">How long to wait for every host key to be pinned.</param>
/// <param name="Clients">Probe clients calling the counter during its move.</param>
/// <param name="Output">Folder for the result file and the migration run.</param>
/// <param name="Keep">Leave the stack deployed afterwards (it bills until <c>ferry down</c>).</param>
public sealed record SmokeOptions(string KeyPath, string KnownHostsPath, TimeSpan PinWait, int Clients, string Output, bool Keep);

using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>One host's part of peer trust.</summary>
/// <param name="Workload">Whether the host is a workload: only workloads hold the peer key and accept it.</param>
/// <param name="LoginUser">The inventory's login user: peers log in as it, and its authorized_keys accepts the peer key.</param>
/// <param name="PeerKeyBase64">base64 of the peer key's private key file (sent to workloads only).</param>
/// <param name="PeerPublicKey">The peer key's public key.</param>
/// <param name="WorkloadAddresses">The workloads' private addresses, comma-separated: the only sources the key is accepted from.</param>
/// <param name="KnownHosts">Every host's pinned key under its private and public addresses.</param>
public sealed record PeerTrustInputs(bool Workload, string LoginUser, string PeerKeyBase64, string PeerPublicKey, string WorkloadAddresses, IReadOnlyList<string> KnownHosts) : ITemplateInputs
{
    public static string Template => "provision/peers.sh";
}

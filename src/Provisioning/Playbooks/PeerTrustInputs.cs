using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>The stack's peer key (base64 of the private key file), its public key, and every host's pinned key.</summary>
public sealed record PeerTrustInputs(string PeerKeyBase64, string PeerPublicKey, IReadOnlyList<string> KnownHosts) : ITemplateInputs
{
    public static string Template => "provision/peers.sh";
}

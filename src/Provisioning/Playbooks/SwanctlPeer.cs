namespace Ferry.Provisioning.Playbooks;

/// <summary>One tunnel of a gateway in swanctl.conf: the connection and its child SA carry the peer site's name.</summary>
public sealed record SwanctlPeer(
    string Name,
    string LocalAddress,
    string RemoteAddress,
    string LocalSubnet,
    string RemoteSubnet,
    string EspProposals,
    string DpdAction,
    string PskHex,
    bool Initiates);

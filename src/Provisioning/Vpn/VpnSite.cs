namespace Ferry.Provisioning.Vpn;

/// <summary>One site as the VPN sees it: its gateway, the gateway's public address and the subnet behind it.</summary>
/// <param name="Site">Site name; names the connection and child SA on the peer gateways.</param>
/// <param name="Gateway">Inventory name of the site's gateway.</param>
/// <param name="PublicIp">The gateway's address on the internet segment (the IKE and ESP endpoint).</param>
/// <param name="Subnet">The site's private subnet, the traffic selector on its side.</param>
public sealed record VpnSite(string Site, string Gateway, string PublicIp, string Subnet);

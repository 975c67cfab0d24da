namespace Ferry.MigrationSteps.Steps;

/// <summary>A host route for one application address.</summary>
/// <param name="Address">The container's address.</param>
/// <param name="Via">The next hop; with <paramref name="Tunnel"/> the far site's gateway (public address).</param>
/// <param name="Tunnel">Whether the address is in another site and this host is a gateway: the route may be the IPsec tunnel.</param>
public sealed record RouteInput(string Address, string Via, bool Tunnel = false)
{
    /// <summary>yes or no, for the template.</summary>
    public string TunnelFlag => Tunnel ? "yes" : "no";
}

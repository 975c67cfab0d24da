namespace Ferry.Stacks.Local;

/// <summary>One interface of a local host, plugged into a bridge of the fabric namespace.</summary>
/// <param name="Inner">Interface name inside the host.</param>
/// <param name="Outer">Its peer's name inside the fabric namespace.</param>
/// <param name="Bridge">The fabric bridge the peer is attached to.</param>
/// <param name="Address">Address with prefix length, e.g. 10.10.1.1/24.</param>
/// <param name="Shaped">Whether both directions of this link are shaped with tbf (a site's uplink).</param>
public sealed record LocalLink(string Inner, string Outer, string Bridge, string Address, bool Shaped);

namespace Ferry.Stacks.Model;

/// <summary>A host outside the sites: the HAProxy front or the client.</summary>
/// <param name="Name">Host name, unique in the stack.</param>
/// <param name="Site">The site the host is placed in (the front: the first site when absent). The local cloud puts the client on the internet segment.</param>
/// <param name="Ports">The front only: the TCP ports it publishes the applications on (their <c>front.port</c>); null for the default.</param>
public sealed record EdgeHostDefinition(string Name, string? Site = null, IReadOnlyList<int>? Ports = null)
{
    /// <summary>Ports clients may reach the front on from anywhere; HTTP unless the stack file says otherwise.</summary>
    public IReadOnlyList<int> PublishedPorts => Ports ?? [80];
}

namespace Ferry.Stacks.Model;

/// <summary>A host outside the sites: the HAProxy front or the client.</summary>
/// <param name="Name">Host name, unique in the stack.</param>
/// <param name="Site">Real clouds: the site the host is placed in. The local cloud puts it on the internet segment.</param>
public sealed record EdgeHostDefinition(string Name, string? Site = null);

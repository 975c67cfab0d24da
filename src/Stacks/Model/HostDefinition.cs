using Ferry.Provisioning.Inventory;

namespace Ferry.Stacks.Model;

/// <summary>One host of a site (or the front/client on the internet segment).</summary>
/// <param name="Name">Host name, unique in the stack; also its hostname.</param>
/// <param name="Role">What the host is for.</param>
/// <param name="Size">Cloud instance size (real clouds only); null takes the site's default.</param>
public sealed record HostDefinition(string Name, HostRole Role, string? Size = null);

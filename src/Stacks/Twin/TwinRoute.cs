namespace Ferry.Stacks.Twin;

/// <summary>A route of a site's route table: traffic for <paramref name="Destination"/> goes to the instance at <paramref name="NextHop"/>.</summary>
public sealed record TwinRoute(string Destination, string NextHop);

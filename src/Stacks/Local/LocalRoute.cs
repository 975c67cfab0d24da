namespace Ferry.Stacks.Local;

/// <summary>A static route inside a local host.</summary>
public sealed record LocalRoute(string Destination, string Via);

namespace Ferry.MigrationSteps.Apps;

/// <summary>How the front publishes a container: the port clients use and whether HAProxy speaks HTTP or plain TCP.</summary>
/// <param name="Port">Port on the front's public address.</param>
/// <param name="Mode">http or tcp.</param>
/// <param name="Maxconn">Requests the front sends the container at once (a worker pool's size); null for no limit of its own.</param>
public sealed record FrontDefinition(int Port, string Mode, int? Maxconn = null);

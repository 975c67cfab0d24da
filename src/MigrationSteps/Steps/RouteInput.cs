namespace Ferry.MigrationSteps.Steps;

/// <summary>A host route for one application address.</summary>
public sealed record RouteInput(string Address, string Via);

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault cloud of the cold and precopy cells.</summary>
public sealed class ColdAndPrecopyFaultCloud() : FaultFixture("ffault", "10.241.0.0/24");

namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault cloud of the hybrid cells: a fresh cloud, so that another half's leftovers cannot fail these.</summary>
public sealed class HybridFaultCloud() : FaultFixture("ffault3", "10.246.0.0/24");

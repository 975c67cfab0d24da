namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault cloud of the page-server and lazy cells: a fresh cloud, so that one half's leftovers cannot fail the other.</summary>
public sealed class PageServerAndLazyFaultCloud() : FaultFixture("ffault2", "10.240.0.0/24");

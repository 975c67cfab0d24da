namespace Ferry.MigrationSteps.Tests.Faults;

/// <summary>The fault cloud of the page-server and lazy cells, beside the other one so that the matrix takes half the time.</summary>
public sealed class PageServerAndLazyFaultCloud() : FaultFixture("ffault2", "10.240.0.0/24");

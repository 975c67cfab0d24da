namespace Ferry.MigrationSteps.Planning;

/// <summary>A plan that cannot run: unknown step names, cycles, duplicate steps or inputs a template lacks.</summary>
public sealed class PlanValidationException(string message) : Exception(message);

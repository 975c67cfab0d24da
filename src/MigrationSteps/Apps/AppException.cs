namespace Ferry.MigrationSteps.Apps;

/// <summary>An application request that cannot be carried out as asked; the message says what to do instead.</summary>
public sealed class AppException(string message) : Exception(message);

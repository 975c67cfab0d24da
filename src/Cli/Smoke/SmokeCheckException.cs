namespace Ferry.Cli.Smoke;

/// <summary>A smoke stage ran but what it checked did not hold.</summary>
public sealed class SmokeCheckException(string message) : Exception(message);

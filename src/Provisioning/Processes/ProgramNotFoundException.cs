namespace Ferry.Provisioning.Processes;

/// <summary>A program ferry runs on this machine is not installed (or not on PATH).</summary>
public sealed class ProgramNotFoundException(string message, Exception inner) : Exception(message, inner);

namespace Ferry.Cli;

/// <summary>A command line the user can fix (a missing file or a wrong combination of options); exit code <see cref="ExitCodes.BadInput"/>.</summary>
public sealed class UsageException(string message) : Exception(message);

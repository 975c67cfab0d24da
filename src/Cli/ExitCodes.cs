namespace Ferry.Cli;

/// <summary>Every exit code the ferry command returns.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int MigrationRolledBack = 3;
    public const int TestsFailed = 4;

    /// <summary>A program ferry runs (the Pulumi CLI) is not installed; the message says what to install.</summary>
    public const int MissingTool = 5;

    /// <summary>Stopped by SIGINT or SIGTERM before it finished (a migration reports its own outcome instead).</summary>
    public const int Interrupted = 130;
}

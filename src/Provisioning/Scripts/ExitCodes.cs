namespace Ferry.Provisioning.Scripts;

/// <summary>Exit codes a script uses to say something other than "failed", shared with templates as <c>exits.*</c>.</summary>
public static class ExitCodes
{
    /// <summary>The script refused before it changed anything (the target already has the container, for one).</summary>
    public const int Refused = 3;

    /// <summary>An armed script the engine did not start: it ended at its gate (partials/gate.sh), having done nothing.</summary>
    public const int NotStarted = 75;
}

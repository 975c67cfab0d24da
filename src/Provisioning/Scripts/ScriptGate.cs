namespace Ferry.Provisioning.Scripts;

/// <summary>The gate a script may include (templates/partials/gate.sh), where an armed script waits to be started.</summary>
public static class ScriptGate
{
    /// <summary>The gate's first line: the engine arms only a script that has it, so no script runs past where it should wait.</summary>
    public const string Line = "if [ -n \"${ferry_gate:-}\" ]; then";

    public static bool Has(string script) => script.Contains(Line, StringComparison.Ordinal);
}

using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Probe;

/// <summary>The probe program with its settings (templates/probe/probe.py).</summary>
public sealed record ProbeScriptInputs(IReadOnlyDictionary<string, object> Config) : ITemplateInputs
{
    public static string Template => "probe/probe.py";
}

using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Probe;

/// <summary>Stops the probe in <paramref name="Work"/> and reports its results.</summary>
public sealed record ProbeStopInputs(string Work) : ITemplateInputs
{
    public static string Template => "probe/stop.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Probe;

/// <summary>Starts the probe program in <paramref name="Work"/> on the client host.</summary>
public sealed record ProbeStartInputs(string Work, string Script) : ITemplateInputs
{
    public static string Template => "probe/start.sh";
}

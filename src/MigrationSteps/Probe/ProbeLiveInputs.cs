using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Probe;

/// <summary>Reads the running probe's counts in <paramref name="Work"/>.</summary>
public sealed record ProbeLiveInputs(string Work) : ITemplateInputs
{
    public static string Template => "probe/live.sh";
}

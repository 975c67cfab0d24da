using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Asks a host for the state of an application's containers.</summary>
public sealed record StatusInputs(IReadOnlyList<string> Ids) : ITemplateInputs
{
    public static string Template => "apps/status.sh";
}

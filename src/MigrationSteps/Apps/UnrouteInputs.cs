using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Removes a router's routes for a removed application's addresses.</summary>
public sealed record UnrouteInputs(IReadOnlyList<string> Addresses) : ITemplateInputs
{
    public static string Template => "apps/unroute.sh";
}

using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Points a router's routes for application addresses at the host that runs them.</summary>
public sealed record RouteInputs(IReadOnlyList<RouteInput> Routes) : ITemplateInputs
{
    public static string Template => "apps/route.sh";
}

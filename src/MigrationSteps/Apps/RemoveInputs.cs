using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Removes an application's containers from a host.</summary>
public sealed record RemoveInputs(IReadOnlyList<ContainerInputs> Containers) : ITemplateInputs
{
    public static string Template => "apps/remove.sh";
}

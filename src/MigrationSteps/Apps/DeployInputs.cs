using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Creates and starts an application's containers on a host.</summary>
public sealed record DeployInputs(IReadOnlyList<ContainerInputs> Containers) : ITemplateInputs
{
    public static string Template => "apps/deploy.sh";
}

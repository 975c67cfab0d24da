using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Hosts;

/// <summary>Asks a host for its <see cref="HostFacts"/>; takes nothing.</summary>
public sealed record HostFactsInputs : ITemplateInputs
{
    public static string Template => "provision/host-facts.sh";
}

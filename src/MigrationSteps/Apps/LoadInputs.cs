using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>Runs an application's data loader on its host with APP_IP and DATA_MB set.</summary>
public sealed record LoadInputs(string Address, int DataMb, IReadOnlyList<string> Command) : ITemplateInputs
{
    public static string Template => "apps/load.sh";
}

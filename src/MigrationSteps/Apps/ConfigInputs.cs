using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Apps;

/// <summary>The values of a container's OCI config.json (templates/apps/config.json).</summary>
public sealed record ConfigInputs(
    IReadOnlyList<string> Command,
    IReadOnlyList<string> Env,
    string Hostname,
    string CgroupsPath,
    long MemoryBytes,
    string NetnsPath,
    string CriuConfig) : ITemplateInputs
{
    public static string Template => "apps/config.json";
}

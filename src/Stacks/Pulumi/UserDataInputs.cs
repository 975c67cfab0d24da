using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Pulumi;

/// <summary>One host's cloud-config user-data; every value a plain name (see <see cref="CloudInitTemplates"/>).</summary>
public sealed record UserDataInputs(string HostName, string Role, string Site, string AdminUser) : ITemplateInputs
{
    public static string Template => CloudInitTemplates.UserDataFile;
}

using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>Writes a rendered HAProxy configuration on the front and starts or reloads HAProxy.</summary>
public sealed record FrontApplyInputs(string Config) : ITemplateInputs
{
    public static string Template => "haproxy/apply.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>How long a host's first boot by cloud-init may still take once its sshd answers.</summary>
public sealed record FirstBootInputs(int TimeoutSeconds) : ITemplateInputs
{
    public static string Template => "provision/first-boot.sh";
}

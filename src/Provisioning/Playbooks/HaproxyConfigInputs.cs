using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>The front's HAProxy configuration: one frontend and backend per published service.</summary>
public sealed record HaproxyConfigInputs(IReadOnlyList<FrontService> Services) : ITemplateInputs
{
    public static string Template => "haproxy/haproxy.cfg";
}

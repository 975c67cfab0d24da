using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Playbooks;

/// <summary>charon's own configuration; the ESP backend is chosen on the gateway itself.</summary>
public sealed record StrongswanInputs : ITemplateInputs
{
    public static string Template => "vpn/strongswan.conf";
}

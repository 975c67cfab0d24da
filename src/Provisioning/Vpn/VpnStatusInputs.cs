using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Vpn;

/// <summary>Asks a gateway for its IPsec state; takes nothing.</summary>
public sealed record VpnStatusInputs : ITemplateInputs
{
    public static string Template => "vpn/status.sh";
}

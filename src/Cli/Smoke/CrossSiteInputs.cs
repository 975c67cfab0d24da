using Ferry.Provisioning.Templates;

namespace Ferry.Cli.Smoke;

/// <summary>smoke/cross-site.sh: push <paramref name="Bytes"/> random bytes to the workload at <paramref name="TargetIp"/> in the other site.</summary>
public sealed record CrossSiteInputs(string TargetIp, long Bytes) : ITemplateInputs
{
    public static string Template => "smoke/cross-site.sh";
}

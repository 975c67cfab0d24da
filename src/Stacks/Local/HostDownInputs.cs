using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>Stops one host and removes what host-up made.</summary>
public sealed record HostDownInputs(string Netns, string HostDir, string MgmtVeth, IReadOnlyList<string> CgroupPrefixes) : ITemplateInputs
{
    public static string Template => "local/host-down.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>Removes the fabric namespace and the management bridge.</summary>
public sealed record FabricDownInputs(string FabricNs, string MgmtBridge) : ITemplateInputs
{
    public static string Template => "local/fabric-down.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>The stack's fabric namespace, its bridges and the management bridge.</summary>
public sealed record FabricUpInputs(string FabricNs, string MgmtBridge, string MgmtAddress, IReadOnlyList<string> Bridges) : ITemplateInputs
{
    public static string Template => "local/fabric-up.sh";
}

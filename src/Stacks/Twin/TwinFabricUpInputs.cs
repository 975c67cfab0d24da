using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Twin;

/// <summary>A twin's fabric: bridges, the operator link, and the source/destination check of the hosts that may not forward.</summary>
public sealed record TwinFabricUpInputs(
    string FabricNs, IReadOnlyList<string> Bridges, string InternetBridge, string OperatorVeth, string OperatorAddress,
    IReadOnlyList<string> CheckedVeths, IReadOnlyList<string> CheckedAddresses) : ITemplateInputs
{
    public static string Template => "twin/fabric-up.sh";
}

using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Twin;

/// <summary>A twin's routers, fabric and operator link, removed.</summary>
public sealed record TwinDownInputs(string FabricNs, string OperatorVeth, IReadOnlyList<string> RouterNamespaces) : ITemplateInputs
{
    public static string Template => "twin/down.sh";
}

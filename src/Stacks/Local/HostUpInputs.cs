using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>Boots one host: its namespaces, root file system over the image, links, routes and sshd.</summary>
public sealed record HostUpInputs(string Name, string Netns, string FabricNs, string MgmtBridge, string MgmtVeth, string MgmtAddress, string ImageDir, string HostDir, string AuthorizedKeys, string ShapeRate, IReadOnlyList<LocalLink> Links, IReadOnlyList<LocalRoute> Routes) : ITemplateInputs
{
    public static string Template => "local/host-up.sh";
}

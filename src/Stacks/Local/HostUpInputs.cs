using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Local;

/// <summary>Boots one host: its namespaces, root file system over the image, links, routes and sshd.</summary>
/// <param name="NatPublic">The public address the host maps onto <paramref name="NatPrivate"/> (1:1 NAT on its own internet link); empty for none.</param>
/// <param name="NatPrivate">The private address the public one maps onto; empty for none.</param>
public sealed record HostUpInputs(string Name, string Netns, string FabricNs, string MgmtBridge, string MgmtVeth, string MgmtAddress, string ImageDir, string HostDir, string AuthorizedKeys, string ShapeRate, IReadOnlyList<LocalLink> Links, IReadOnlyList<LocalRoute> Routes, string NatPublic = "", string NatPrivate = "") : ITemplateInputs
{
    public static string Template => "local/host-up.sh";
}

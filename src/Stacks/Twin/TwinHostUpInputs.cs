using Ferry.Provisioning.Templates;

namespace Ferry.Stacks.Twin;

/// <summary>One twin host: its link, the image layers it boots from, and its NoCloud seed.</summary>
public sealed record TwinHostUpInputs(
    string Name, string Netns, string FabricNs, string Veth, string Bridge, string Address, string Gateway, int Mtu,
    string LowerDirs, string HostDir, string UserData, string InstanceId, string PublicKey) : ITemplateInputs
{
    public static string Template => "twin/host-up.sh";
}

using Ferry.Provisioning.Network;

namespace Ferry.Stacks.Model;

/// <summary>How operators reach real-cloud hosts.</summary>
/// <param name="SshCidr">The only source range allowed to SSH into the hosts.</param>
/// <param name="User">Login user on the cloud image.</param>
public sealed record AdminDefinition(string SshCidr, string User)
{
    public static AdminDefinition Default { get; } = new("203.0.113.0/24", "ferry");
}

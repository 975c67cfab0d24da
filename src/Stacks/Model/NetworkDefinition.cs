using Ferry.Provisioning.Network;

namespace Ferry.Stacks.Model;

/// <summary>Address plan shared by all sites.</summary>
/// <param name="Management">Local cloud only: the segment ferry reaches every host's sshd on.</param>
/// <param name="Internet">The public segment between sites: gateways, the front and the client.</param>
/// <param name="Apps">Container addresses; a container keeps its address when it moves.</param>
public sealed record NetworkDefinition(Cidr Management, Cidr Internet, Cidr Apps)
{
    public static NetworkDefinition Default { get; } = new(
        Cidr.Parse("10.250.0.0/24"), Cidr.Parse("10.251.0.0/24"), Cidr.Parse("10.252.0.0/24"));
}

namespace Ferry.Stacks.Pulumi;

/// <summary>The protocols an inbound rule can allow.</summary>
public enum IpProtocol
{
    Tcp,
    Udp,
    Esp,
    All,
}

namespace Ferry.Stacks.Policy;

/// <summary>The protocols a network rule can allow.</summary>
public enum IpProtocol
{
    Tcp,
    Udp,

    /// <summary>IP protocol 50; no ports.</summary>
    Esp,

    /// <summary>Every protocol and port.</summary>
    All,
}

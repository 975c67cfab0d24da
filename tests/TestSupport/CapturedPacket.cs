namespace Ferry.TestSupport;

/// <summary>One IPv4 packet seen on the wire: its addresses, IP protocol, and everything after the IP header.</summary>
public sealed record CapturedPacket(string Source, string Destination, int Protocol, byte[] Payload)
{
    public bool Contains(byte[] marker) => Payload.AsSpan().IndexOf(marker) >= 0;

    /// <summary>Whether the packet goes between <paramref name="a"/> and <paramref name="b"/>, either way.</summary>
    public bool Between(string a, string b) => (Source == a && Destination == b) || (Source == b && Destination == a);
}

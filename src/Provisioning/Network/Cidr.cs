using System.Net;
using System.Net.Sockets;

namespace Ferry.Provisioning.Network;

/// <summary>An IPv4 network in CIDR notation.</summary>
public readonly record struct Cidr(IPAddress Network, int PrefixLength)
{
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not an IPv4 CIDR such as 10.10.1.0/24");

    public static bool TryParse(string? text, out Cidr cidr)
    {
        cidr = default;
        var parts = text?.Split('/');
        if (parts is not { Length: 2 }
            || !IPAddress.TryParse(parts[0], out var address)
            || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var prefix)
            || prefix is < 8 or > 30)
        {
            return false;
        }

        var network = ToUInt(address) & Mask(prefix);
        if (network != ToUInt(address))
        {
            return false;
        }

        cidr = new Cidr(FromUInt(network), prefix);
        return true;
    }

    /// <summary>The n-th address of the network (1 is the first usable one).</summary>
    public IPAddress Host(int n)
    {
        var size = 1u << (32 - PrefixLength);
        if (n <= 0 || n >= size - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"host {n} does not fit in {this}");
        }

        return FromUInt(ToUInt(Network) + (uint)n);
    }

    public bool Contains(IPAddress address) =>
        (ToUInt(address) & Mask(PrefixLength)) == ToUInt(Network);

    public bool Overlaps(Cidr other)
    {
        var prefix = Math.Min(PrefixLength, other.PrefixLength);
        return (ToUInt(Network) & Mask(prefix)) == (ToUInt(other.Network) & Mask(prefix));
    }

    public override string ToString() => $"{Network}/{PrefixLength}";

    private static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);

    private static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static IPAddress FromUInt(uint value) =>
        new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
}

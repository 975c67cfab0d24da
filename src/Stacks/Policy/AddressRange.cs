using System.Net;
using System.Net.Sockets;
using Ferry.Provisioning.Network;

namespace Ferry.Stacks.Policy;

/// <summary>An IPv4 range in a firewall rule: anything from 0.0.0.0/0 to a single /32.</summary>
public readonly record struct AddressRange(IPAddress Network, int PrefixLength)
{
    public static AddressRange Anywhere { get; } = new(IPAddress.Any, 0);

    public static AddressRange Of(Cidr cidr) => new(cidr.Network, cidr.PrefixLength);

    public static AddressRange Single(IPAddress address) => new(address, 32);

    public static AddressRange Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !IPAddress.TryParse(parts[0], out var address)
            || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var prefix)
            || prefix is < 0 or > 32
            || (ToUInt(address) & Mask(prefix)) != ToUInt(address))
        {
            throw new FormatException($"'{text}' is not an IPv4 range such as 198.51.100.7/32 (host bits must be zero)");
        }

        return new AddressRange(address, prefix);
    }

    public bool IsAnywhere => PrefixLength == 0;

    public bool Contains(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && (ToUInt(address) & Mask(PrefixLength)) == ToUInt(Network);

    public override string ToString() => $"{Network}/{PrefixLength}";

    private static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);

    private static uint ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }
}

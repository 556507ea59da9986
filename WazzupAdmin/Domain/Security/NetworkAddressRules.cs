using System.Net;
using System.Net.Sockets;

namespace WazzupAdmin.Domain.Security;

/// <summary>
/// Which network addresses a webhook may be delivered to: public unicast ones. Loopback, private (RFC 1918), shared
/// (100.64/10), link-local, unique-local, site-local, multicast, broadcast, unspecified and documentation ranges
/// reach this machine or its network, not a CRM on the internet; a webhook address there lets anyone with an API key
/// make the console post to its own or a neighbour's ports and read the answers.
/// </summary>
public static class NetworkAddressRules
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                       // "this network", 0.0.0.0
        || b[0] == 10                                   // private
        || b[0] == 127                                  // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)         // shared address space (carrier NAT)
        || (b[0] == 169 && b[1] == 254)                 // link-local (cloud metadata lives here)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)         // private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)      // documentation
        || (b[0] == 192 && b[1] == 168)                 // private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)         // benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)   // documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)    // documentation
        || b[0] >= 224);                                // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6None)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16) and Teredo (2001::/32) carry an IPv4
        // address inside: judged by it, or refused when it cannot be told.
        if (b.Take(12).All(x => x == 0))
        {
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]);
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            return false;
        }

        // Documentation (2001:db8::/32) and discard-only (100::/64).
        return !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
            && !(b[0] == 0x01 && b[1] == 0x00 && b.Skip(2).Take(6).All(x => x == 0));
    }
}

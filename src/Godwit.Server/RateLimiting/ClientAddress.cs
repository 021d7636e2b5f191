using System.Net;
using System.Net.Sockets;

namespace Godwit.Server.RateLimiting;

/// <summary>
/// The address a client's per-IP budgets are kept under: the connection's peer address (behind a
/// proxy, the forwarded one once forwarded headers are enabled; see docs/configuration.md).
/// </summary>
internal static class ClientAddress
{
    public static IPAddress Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return IPAddress.None;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? Network64(address) : address;
    }

    // One IPv6 host is commonly given a whole /64 and could draw a fresh address per request, so the
    // budget belongs to the /64.
    private static IPAddress Network64(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }
}

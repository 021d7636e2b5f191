using System.Net;

namespace Godwit.Core.Security;

/// <summary>
/// Hosts that never leave the machine: <c>localhost</c>, 127.0.0.0/8 and <c>::1</c>. Plain http to
/// them cannot be read or altered on a network, so it is the only http Godwit accepts for a URL
/// that carries a token or a verdict.
/// </summary>
public static class LoopbackHost
{
    public static bool Is(Uri url) => url.HostNameType switch
    {
        UriHostNameType.Dns => string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase),
        UriHostNameType.IPv4 or UriHostNameType.IPv6 => IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address),
        _ => false,
    };
}

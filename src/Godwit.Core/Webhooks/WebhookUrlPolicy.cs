using System.Net;
using System.Net.Sockets;
using Godwit.Core.Errors;
using Godwit.Core.Security;

namespace Godwit.Core.Webhooks;

/// <summary>
/// Which URLs Godwit will post events to. Whoever holds the API secret chooses the URL, and Godwit
/// makes the request from inside the operator's network, so a URL must not reach what that network
/// hides (server-side request forgery). The URL is checked when saved, and every address its host
/// resolves to is checked again when connecting (<see cref="IsAllowed(IPAddress)"/>), so a name
/// that later resolves to a forbidden address gains nothing.
/// </summary>
public sealed class WebhookUrlPolicy(WebhookOptions options)
{
    public const int MaxUrlLength = 2048;

    public ApiError? Problem(string url)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("https" or "http") || parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0 || parsed.Host.Length == 0)
        {
            return ErrorCatalog.InvalidWebhookUrl;
        }

        if (parsed.Scheme == "http" && !options.AllowInsecureUrls && !LoopbackHost.Is(parsed))
        {
            return ErrorCatalog.InsecureWebhookUrl;
        }

        if (parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(parsed.IdnHost, out var address) && !IsAllowed(address))
        {
            return ErrorCatalog.WebhookUrlNotAllowed;
        }

        return parsed.HostNameType == UriHostNameType.Dns && IsInternalName(parsed.IdnHost) ? ErrorCatalog.WebhookUrlNotAllowed : null;
    }

    /// <summary>Whether Godwit may connect to this address.</summary>
    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        var kind = Classify(address);
        return kind == AddressKind.Public || (kind == AddressKind.Private && options.AllowPrivateNetworks);
    }

    // Cloud metadata names resolve to link-local addresses; refusing the names gives a clear error at once.
    private static bool IsInternalName(string host) =>
        host.Equals("metadata.google.internal", StringComparison.OrdinalIgnoreCase)
        || host.Equals("metadata", StringComparison.OrdinalIgnoreCase);

    private enum AddressKind
    {
        Public,
        Private,
        Forbidden,
    }

    private static AddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
            {
                return AddressKind.Forbidden;
            }

            // fc00::/7, unique local addresses: IPv6's private ranges.
            return (address.GetAddressBytes()[0] & 0xFE) == 0xFC ? AddressKind.Private : AddressKind.Public;
        }

        var b = address.GetAddressBytes();
        return b switch
        {
            [0, ..] => AddressKind.Forbidden,
            [169, 254, ..] => AddressKind.Forbidden,
            [>= 224, ..] => AddressKind.Forbidden,
            [10, ..] => AddressKind.Private,
            [172, >= 16 and <= 31, ..] => AddressKind.Private,
            [192, 168, ..] => AddressKind.Private,
            [100, >= 64 and <= 127, ..] => AddressKind.Private,
            _ => AddressKind.Public,
        };
    }
}

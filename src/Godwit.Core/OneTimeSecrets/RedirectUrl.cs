using Godwit.Core.Security;

namespace Godwit.Core.OneTimeSecrets;

/// <summary>
/// What the redirect URL allowlist compares of a URL: scheme, host, port and path. The query and
/// the fragment are not part of it.
/// </summary>
public sealed record RedirectUrl(string Scheme, string Host, int Port, string Path, bool IsLoopback)
{
    /// <summary>
    /// The parts of <paramref name="url"/>, or null unless it is an absolute http or https URL
    /// without user info, written plainly: no white space, control characters or backslashes, and
    /// a host, port and path written exactly as they are read. Everything else is refused rather
    /// than normalised, because the link is emailed as written and the browser that opens it is
    /// another parser: <c>https://app.example.com@evil.test/</c>, <c>http://loopback/</c>,
    /// <c>http://0x7f000001/</c>, <c>/a/../b</c> or <c>%2e%2e</c> could each be read one way here
    /// and another way there.
    /// </summary>
    public static RedirectUrl? Parse(string? url)
    {
        if (url is null
            || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\')
            || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("https" or "http")
            || parsed.UserInfo.Length > 0
            || string.IsNullOrEmpty(parsed.Host))
        {
            return null;
        }

        var (authority, path) = WrittenParts(url);
        var plainAuthority = string.Equals(authority, parsed.Host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(authority, $"{parsed.Host}:{parsed.Port}", StringComparison.OrdinalIgnoreCase);
        var plainPath = string.Equals(path.Length == 0 ? "/" : path, parsed.AbsolutePath, StringComparison.Ordinal);
        return plainAuthority && plainPath
            ? new RedirectUrl(parsed.Scheme, parsed.IdnHost, parsed.Port, parsed.AbsolutePath, LoopbackHost.Is(parsed))
            : null;
    }

    /// <summary>
    /// Same scheme, host (in any case: DNS names are case-insensitive), port (an explicit default
    /// port is the port) and path (exactly: servers may tell <c>/a</c>, <c>/A</c> and <c>/a/</c> apart).
    /// </summary>
    public bool SameEndpoint(RedirectUrl other) =>
        Scheme == other.Scheme
        && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
        && Port == other.Port
        && string.Equals(Path, other.Path, StringComparison.Ordinal);

    /// <summary>The authority and the path as written: between <c>://</c> and the first <c>/</c>, and from there to the query or fragment.</summary>
    private static (string Authority, string Path) WrittenParts(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return ("", "");
        }

        var start = separator + 3;
        var end = url.IndexOfAny(['?', '#'], start);
        end = end < 0 ? url.Length : end;
        var slash = url.IndexOf('/', start, end - start);
        return slash < 0 ? (url[start..end], "") : (url[start..slash], url[slash..end]);
    }
}

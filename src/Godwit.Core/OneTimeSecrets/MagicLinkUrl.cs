namespace Godwit.Core.OneTimeSecrets;

/// <summary>The link a magic link email carries: the application's URL with the token added.</summary>
public static class MagicLinkUrl
{
    public static bool IsValid(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed)
        && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(parsed.Host);

    /// <summary>
    /// Appends <c>stytch_token_type=magic_links&amp;token=…</c> (or another token type) to the query, before any fragment,
    /// keeping the rest of the URL exactly as the application wrote it (no re-encoding by
    /// <see cref="UriBuilder"/>). The token is base64url, so it needs no escaping.
    /// </summary>
    public static string WithToken(string url, string token, string tokenType = "magic_links")
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (beforeFragment, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        var separator = !beforeFragment.Contains('?', StringComparison.Ordinal) ? "?"
            : beforeFragment.EndsWith('?') || beforeFragment.EndsWith('&') ? ""
            : "&";
        return $"{beforeFragment}{separator}stytch_token_type={tokenType}&token={token}{fragment}";
    }
}

using Godwit.Core.Errors;

namespace Godwit.Core.OneTimeSecrets;

/// <summary>
/// The only places magic links and password reset links may send people (<c>Godwit:RedirectUrls</c>),
/// as Stytch's registered redirect URLs are. The link carries a token that logs its holder in, so a
/// caller able to name any URL could have Godwit email a real user a real link to the caller's own
/// host, and collect the token when the user clicks it.
/// </summary>
public sealed class RedirectUrlAllowlist
{
    private readonly RedirectUrl[] entries;
    private readonly bool loopbackOnly;

    /// <param name="entries">Checked already by <see cref="RedirectUrlOptions.Problem"/>.</param>
    /// <param name="development">With no entries, Development allows loopback URLs, and nothing else.</param>
    public RedirectUrlAllowlist(IEnumerable<string> entries, bool development)
    {
        this.entries = [.. entries.Select(entry => RedirectUrl.Parse(entry) ?? throw new ArgumentException($"Not a usable redirect URL: {entry}", nameof(entries)))];
        loopbackOnly = development && this.entries.Length == 0;
    }

    /// <summary>
    /// True when <paramref name="url"/> has the scheme, host, port and path of an entry; its query
    /// and fragment may differ.
    /// </summary>
    public bool Allows(string url) =>
        RedirectUrl.Parse(url) is { } target
        && (loopbackOnly ? target.IsLoopback : entries.Any(entry => entry.SameEndpoint(target)));

    /// <summary>
    /// Why a link may not point at <paramref name="url"/>: <c>invalid_url</c> when it is no absolute
    /// http or https URL, <paramref name="unregistered"/> when it is not allowed. Null when it is,
    /// and when there is no URL (the caller knows whether one was required).
    /// </summary>
    public ApiError? Refusal(string? url, ApiError unregistered) =>
        url is null ? null
        : !MagicLinkUrl.IsValid(url) ? ErrorCatalog.InvalidUrl
        : Allows(url) ? null
        : unregistered;
}

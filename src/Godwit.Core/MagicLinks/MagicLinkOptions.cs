using Godwit.Core.OneTimeSecrets;

namespace Godwit.Core.MagicLinks;

/// <summary>
/// Email magic link settings, bound from <c>Godwit:MagicLinks</c>. The default URLs, like every
/// URL a link points to, must be allowed by <c>Godwit:RedirectUrls</c> (see <see cref="RedirectUrlOptions"/>).
/// </summary>
public sealed class MagicLinkOptions
{
    public const string SectionName = "Godwit:MagicLinks";

    /// <summary>Where login links point when a request names no login_magic_link_url.</summary>
    public string? DefaultLoginUrl { get; set; }

    /// <summary>Where sign-up links point when a request names none; falls back to the login URL.</summary>
    public string? DefaultSignupUrl { get; set; }

    /// <summary>Where invite links point when a request names none; falls back to the sign-up, then the login URL.</summary>
    public string? DefaultInviteUrl { get; set; }

    /// <summary>
    /// Links (send, login_or_create and invite together) one address may be sent per rolling
    /// minute: Stytch documents one per second per email.
    /// </summary>
    public int MaxSendsPerMinute { get; set; } = 60;

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem() =>
        new[] { (nameof(DefaultLoginUrl), DefaultLoginUrl), (nameof(DefaultSignupUrl), DefaultSignupUrl), (nameof(DefaultInviteUrl), DefaultInviteUrl) }
            .Where(setting => setting.Item2 is not null && !MagicLinkUrl.IsValid(setting.Item2))
            .Select(setting => $"{SectionName}:{setting.Item1} must be an absolute http or https URL.")
            .FirstOrDefault()
        ?? (MaxSendsPerMinute < 1 ? $"{SectionName}:MaxSendsPerMinute must be at least 1." : null);
}

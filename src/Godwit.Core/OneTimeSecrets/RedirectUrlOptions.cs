namespace Godwit.Core.OneTimeSecrets;

/// <summary>
/// <c>Godwit:RedirectUrls</c>: the URLs magic links (login, sign-up, invite) and password reset
/// links may point to. Bound from the <c>Godwit</c> section.
/// </summary>
public sealed class RedirectUrlOptions
{
    public const string SectionName = "Godwit";
    public const string SettingName = "Godwit:RedirectUrls";

    public List<string> RedirectUrls { get; set; } = [];

    /// <summary>What is wrong with these settings, checked at startup; null when they are usable.</summary>
    /// <param name="development">Whether Godwit runs in Development, where an empty list allows loopback URLs.</param>
    /// <param name="sendsEmail">
    /// Whether an SMTP relay is configured. Outside Development it is the only way a magic link or a
    /// reset link can leave Godwit, so only then is an empty list a mistake; without one, the
    /// empty list refuses every link and a password-only deployment still starts.
    /// </param>
    /// <param name="defaults">The configured default URLs, by setting: each must be allowed too, or it could never be used.</param>
    public string? Problem(bool development, bool sendsEmail, IEnumerable<(string Setting, string? Url)> defaults)
    {
        for (var i = 0; i < RedirectUrls.Count; i++)
        {
            var entry = RedirectUrls[i];
            if (RedirectUrl.Parse(entry) is not { } parsed || entry.Contains('?', StringComparison.Ordinal) || entry.Contains('#', StringComparison.Ordinal))
            {
                return $"{SettingName}:{i} ({entry}) must be an absolute https URL (http for loopback) without user info, query or fragment, written plainly (no white space, backslashes, dot segments or needless escapes).";
            }

            if (parsed.Scheme == Uri.UriSchemeHttp && !parsed.IsLoopback)
            {
                return $"{SettingName}:{i} ({entry}) uses http on a host that is not loopback: use https (http is accepted for localhost, 127.0.0.0/8 and [::1] only).";
            }
        }

        if (RedirectUrls.Count == 0 && !development && sendsEmail)
        {
            return $"{SettingName} is empty: outside Development, list the URLs magic links and password reset emails may point to (for example {SettingName.Replace(":", "__", StringComparison.Ordinal)}__0=https://app.example.com/authenticate).";
        }

        var allowlist = new RedirectUrlAllowlist(RedirectUrls, development);
        return defaults
            .Where(setting => setting.Url is not null && MagicLinkUrl.IsValid(setting.Url) && !allowlist.Allows(setting.Url))
            .Select(setting => RedirectUrls.Count == 0 && development
                ? $"{setting.Setting} ({setting.Url}) is not a loopback URL: with {SettingName} empty, Development allows only those. Add it to {SettingName}."
                : $"{setting.Setting} ({setting.Url}) is not among {SettingName}: add it there.")
            .FirstOrDefault();
    }
}

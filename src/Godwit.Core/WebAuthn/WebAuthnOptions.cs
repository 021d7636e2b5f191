namespace Godwit.Core.WebAuthn;

/// <summary>Passkey and WebAuthn settings, bound from <c>Godwit:WebAuthn</c>.</summary>
public sealed class WebAuthnOptions
{
    public const string SectionName = "Godwit:WebAuthn";

    /// <summary>
    /// The relying-party ids (host names such as <c>example.com</c>) a request's <c>domain</c> may name.
    /// Empty: WebAuthn answers every request with <c>invalid_domain</c>.
    /// </summary>
    public List<string> RelyingPartyIds { get; set; } = [];

    /// <summary>
    /// The page origins (<c>https://app.example.com</c>) allowed to run the browser side. Each must be
    /// one of the relying-party ids or below it, as browsers require; a ceremony for one id accepts
    /// only the origins that belong to it.
    /// </summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>The relying-party name authenticators may show.</summary>
    public string RelyingPartyName { get; set; } = "Godwit";

    /// <summary>How long a started registration or login may be completed (also the browser's timeout).</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first configuration mistake, or null when the options are usable.</summary>
    public string? Problem()
    {
        foreach (var id in RelyingPartyIds)
        {
            if (!IsHostName(id))
            {
                return $"{SectionName}:RelyingPartyIds: '{id}' is not a lower-case host name (no scheme, port or path).";
            }
        }

        foreach (var origin in Origins)
        {
            if (NormalizeOrigin(origin) is not { } normal)
            {
                return $"{SectionName}:Origins: '{origin}' is not an http or https origin (scheme, host and optional port only).";
            }

            if (!RelyingPartyIds.Any(id => OriginBelongsTo(normal, id)))
            {
                return $"{SectionName}:Origins: '{origin}' is not on any of the RelyingPartyIds or a subdomain of one.";
            }
        }

        if (string.IsNullOrWhiteSpace(RelyingPartyName) || RelyingPartyName.Length > 128)
        {
            return $"{SectionName}:RelyingPartyName must be 1 to 128 characters.";
        }

        return ChallengeLifetime < TimeSpan.FromSeconds(30) || ChallengeLifetime > TimeSpan.FromHours(1)
            ? $"{SectionName}:ChallengeLifetime must be between 00:00:30 and 01:00:00."
            : null;
    }

    /// <summary>The origins (normalised) that may run ceremonies for <paramref name="relyingPartyId"/>.</summary>
    public IReadOnlySet<string> OriginsFor(string relyingPartyId) =>
        Origins.Select(NormalizeOrigin).OfType<string>().Where(origin => OriginBelongsTo(origin, relyingPartyId)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Scheme, lower-case host and the port only when it is not the scheme's default, as browsers write
    /// an origin in client data; null for anything that is not such an origin.
    /// </summary>
    public static string? NormalizeOrigin(string? origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.IdnHost}" : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
    }

    /// <summary>The origin's host is the relying-party id or a subdomain of it (the RP id is a registrable suffix).</summary>
    public static bool OriginBelongsTo(string normalizedOrigin, string relyingPartyId)
    {
        var host = new Uri(normalizedOrigin).IdnHost;
        return host == relyingPartyId || host.EndsWith("." + relyingPartyId, StringComparison.Ordinal);
    }

    private static bool IsHostName(string value) =>
        value.Length is > 0 and <= 253
        && value == value.ToLowerInvariant()
        && Uri.CheckHostName(value) is UriHostNameType.Dns or UriHostNameType.IPv4
        && !value.Contains(':', StringComparison.Ordinal);
}

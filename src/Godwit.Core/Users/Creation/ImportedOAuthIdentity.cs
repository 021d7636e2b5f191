using Godwit.Core.Errors;
using Godwit.Core.OAuth;

namespace Godwit.Core.Users.Creation;

/// <summary>
/// A social or OpenID account the export links to the person: the provider as the export names it
/// (<c>google</c>, <c>Google</c>, or a generic OIDC provider's configured name) and the provider's
/// stable id for the person. It becomes an <see cref="OAuthRegistration"/>, so that the person's
/// next login with that account lands in the imported user.
/// </summary>
public sealed record ImportedOAuthIdentity(string ProviderType, string ProviderSubject)
{
    public string? ProfilePictureUrl { get; init; }

    public string? Locale { get; init; }
}

/// <summary>The checks an imported identity meets, and the registrations it becomes.</summary>
public static class ImportedOAuthIdentities
{
    // The oauth_registrations columns' sizes.
    public const int MaxProviderTypeLength = 32;
    public const int MaxSubjectLength = 255;
    public const int MaxPictureUrlLength = 2048;
    public const int MaxLocaleLength = 35;

    /// <summary>
    /// The identities as registrations of <paramref name="user"/>, the same provider account given
    /// twice kept once (the first one's picture and locale, else the second's); or the first refusal.
    /// </summary>
    internal static Result<List<OAuthRegistration>> Build(User user, IReadOnlyList<ImportedOAuthIdentity> identities)
    {
        var registrations = new List<OAuthRegistration>(identities.Count);
        foreach (var identity in identities)
        {
            var checkedIdentity = Check(identity);
            if (!checkedIdentity.Succeeded)
            {
                return checkedIdentity.Error!;
            }

            var (type, subject) = checkedIdentity.Value;
            if (registrations.Find(r => r.ProviderType == type && r.ProviderSubject == subject) is { } same)
            {
                same.ProfilePictureUrl ??= identity.ProfilePictureUrl;
                same.Locale ??= identity.Locale;
                continue;
            }

            registrations.Add(new OAuthRegistration
            {
                OAuthRegistrationId = PrefixedId.New(PrefixedId.OAuthRegistration),
                UserId = user.UserId,
                ProviderType = type,
                ProviderSubject = subject,
                ProfilePictureUrl = identity.ProfilePictureUrl,
                Locale = identity.Locale,
                CreatedAt = user.CreatedAt,
            });
        }

        return registrations;
    }

    /// <summary>Why the identity cannot be imported, naming the field; null when it can.</summary>
    public static ApiError? ProblemOf(ImportedOAuthIdentity identity) => Check(identity).Error;

    /// <summary>Stytch's spelling of a provider Godwit knows (any case, path segment or provider_type); another name as given.</summary>
    public static string ProviderTypeOf(string given) =>
        OAuthProviderTypes.PathSegmentOf(given) is { } segment ? OAuthProviderTypes.ForPathSegment(segment)! : given;

    private static Result<(string Type, string Subject)> Check(ImportedOAuthIdentity identity)
    {
        var given = identity.ProviderType.Trim();
        if (given.Length is 0 or > MaxProviderTypeLength || given.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return ErrorCatalog.InvalidImportedProviderType.WithMessage(
                $"provider_type '{Quote(identity.ProviderType)}' must be 1 to {MaxProviderTypeLength} characters without spaces.");
        }

        // The subject is the provider's exact id: compared as given, never trimmed or folded.
        var subject = identity.ProviderSubject;
        if (subject.Length is 0 or > MaxSubjectLength || subject.Any(char.IsControl) || subject.Trim().Length != subject.Length)
        {
            return ErrorCatalog.InvalidImportedProviderSubject.WithMessage(
                $"provider_subject '{Quote(subject)}' of {given} must be 1 to {MaxSubjectLength} characters, without control characters or surrounding spaces.");
        }

        if (identity.ProfilePictureUrl is { } url
            && (url.Length > MaxPictureUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return ErrorCatalog.InvalidImportedProfilePictureUrl.WithMessage(
                $"profile_picture_url of {given} must be an http or https URL of at most {MaxPictureUrlLength} characters.");
        }

        if (identity.Locale is { } locale && (locale.Length > MaxLocaleLength || locale.Any(char.IsControl)))
        {
            return ErrorCatalog.InvalidImportedLocale.WithMessage($"locale of {given} must be at most {MaxLocaleLength} characters.");
        }

        return (ProviderTypeOf(given), subject);
    }

    /// <summary>A value quoted in a refusal, its control characters shown as escapes and its length capped, since refusals are logged.</summary>
    private static string Quote(string value)
    {
        var shown = value.Length > 64 ? value[..64] + "…" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}

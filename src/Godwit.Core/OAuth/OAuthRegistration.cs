namespace Godwit.Core.OAuth;

/// <summary>
/// A user's account at a social or OpenID provider, linked to the user: the wire's
/// <c>providers</c> entry. One provider account belongs to at most one user.
/// </summary>
public sealed class OAuthRegistration
{
    /// <summary><c>oauth-user-registration-live-…</c>, the wire's <c>oauth_user_registration_id</c>.</summary>
    public required string OAuthRegistrationId { get; init; }

    public required string UserId { get; init; }

    /// <summary>Stytch's spelling of the provider, such as <c>Google</c> or <c>Github</c> (see <see cref="OAuthProviderTypes"/>).</summary>
    public required string ProviderType { get; init; }

    /// <summary>The provider's stable id for the person (OpenID's <c>sub</c>, GitHub's numeric id).</summary>
    public required string ProviderSubject { get; init; }

    public string? ProfilePictureUrl { get; set; }

    public string? Locale { get; set; }

    public DateTime CreatedAt { get; init; }
}

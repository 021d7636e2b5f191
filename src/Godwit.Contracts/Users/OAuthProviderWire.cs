using System.Text.Json.Serialization;

namespace Godwit.Contracts.Users;

/// <summary>The SDK's <c>OAuthProvider</c>: one provider account linked to the user.</summary>
public sealed record OAuthProviderWire(
    string ProviderType,
    string ProviderSubject,
    string ProfilePictureUrl,
    string Locale,
    [property: JsonPropertyName("oauth_user_registration_id")] string OAuthUserRegistrationId);

using System.Text.Json.Serialization;
using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.OAuth;

/// <summary>The SDK's <c>OAuthProviderValues</c>: the provider's tokens, handed out once.</summary>
public sealed record OAuthProviderValuesWire(string AccessToken, string RefreshToken, string IdToken, IReadOnlyList<string> Scopes, string? ExpiresAt);

/// <summary>The SDK's <c>OAuthAuthenticateResponse</c>; the session is <c>user_session</c> here, for Stytch's backwards compatibility.</summary>
public sealed record OAuthAuthenticateResponse(
    string UserId,
    string ProviderSubject,
    string ProviderType,
    string SessionToken,
    string SessionJwt,
    OAuthProviderValuesWire ProviderValues,
    UserWire User,
    bool ResetSessions,
    [property: JsonPropertyName("oauth_user_registration_id")] string OAuthUserRegistrationId,
    SessionWire? UserSession) : ApiResponse;

public sealed record OAuthAttachResponse([property: JsonPropertyName("oauth_attach_token")] string OAuthAttachToken) : ApiResponse;

/// <summary>The SDK's <c>UsersDeleteOAuthRegistrationResponse</c>.</summary>
public sealed record DeleteOAuthRegistrationResponse(string UserId, UserWire User) : ApiResponse;

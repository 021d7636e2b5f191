using System.Text.Json.Serialization;
using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.WebAuthn;

/// <summary>The SDK's <c>WebAuthnRegistration</c> on the user object.</summary>
public sealed record WebAuthnRegistrationWire(
    [property: JsonPropertyName("webauthn_registration_id")] string WebAuthnRegistrationId,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("user_agent")] string UserAgent,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("authenticator_type")] string AuthenticatorType,
    [property: JsonPropertyName("name")] string Name);

/// <summary>The SDK's <c>WebAuthnCredential</c>: a registration's credential id and public key, base64url.</summary>
public sealed record WebAuthnCredentialWire(
    [property: JsonPropertyName("credential_id")] string CredentialId,
    [property: JsonPropertyName("webauthn_registration_id")] string WebAuthnRegistrationId,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("public_key")] string PublicKey);

public sealed record WebAuthnRegisterStartResponse(string UserId, string PublicKeyCredentialCreationOptions) : ApiResponse;

public sealed record WebAuthnAuthenticateStartResponse(string UserId, string PublicKeyCredentialRequestOptions) : ApiResponse;

/// <summary>Register and authenticate answer alike; the session is null when none was asked for.</summary>
public sealed record WebAuthnSessionResponse(
    string UserId,
    [property: JsonPropertyName("webauthn_registration_id")] string WebAuthnRegistrationId,
    string SessionToken,
    string SessionJwt,
    UserWire User,
    SessionWire? Session) : ApiResponse;

public sealed record WebAuthnUpdateResponse(
    [property: JsonPropertyName("webauthn_registration")] WebAuthnRegistrationWire WebAuthnRegistration) : ApiResponse;

public sealed record WebAuthnListCredentialsResponse(IReadOnlyList<WebAuthnCredentialWire> Credentials) : ApiResponse;

public sealed record DeleteWebAuthnRegistrationResponse(string UserId, UserWire User) : ApiResponse;

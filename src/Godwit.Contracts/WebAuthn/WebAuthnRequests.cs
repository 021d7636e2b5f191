using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Contracts.Sessions;

namespace Godwit.Contracts.WebAuthn;

/// <summary>WebAuthn register start's body: the user and the relying party's domain.</summary>
public sealed record WebAuthnRegisterStartRequest
{
    public required string UserId { get; init; }

    public required string Domain { get; init; }

    public string? UserAgent { get; init; }

    public string? AuthenticatorType { get; init; }

    public bool? ReturnPasskeyCredentialOptions { get; init; }

    public string? OverrideId { get; init; }

    public string? OverrideName { get; init; }

    public string? OverrideDisplayName { get; init; }

    public bool? UseBase64UrlEncoding { get; init; }
}

/// <summary>
/// WebAuthn register's body. <c>public_key_credential</c> is the credential's JSON as a string, as the
/// SDKs send it; a JSON object (as Stytch's reference shows it) is taken as its own text.
/// </summary>
public sealed record WebAuthnRegisterRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public required string UserId { get; init; }

    public JsonElement? PublicKeyCredential { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>WebAuthn authenticate start's body; without a user id, any passkey for the domain may answer.</summary>
public sealed record WebAuthnAuthenticateStartRequest
{
    public required string Domain { get; init; }

    public string? UserId { get; init; }

    public bool? ReturnPasskeyCredentialOptions { get; init; }

    public bool? UseBase64UrlEncoding { get; init; }
}

/// <summary>WebAuthn authenticate's body; the credential as in <see cref="WebAuthnRegisterRequest"/>.</summary>
public sealed record WebAuthnAuthenticateRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public JsonElement? PublicKeyCredential { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>WebAuthn update's body: the registration's new name.</summary>
public sealed record WebAuthnUpdateRequest
{
    public string? Name { get; init; }
}

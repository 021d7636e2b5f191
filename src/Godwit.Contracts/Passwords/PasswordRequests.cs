using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Sessions;
using Godwit.Contracts.Users;

namespace Godwit.Contracts.Passwords;

/// <summary>Password authenticate's body.</summary>
public sealed record PasswordAuthenticateRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public required string Email { get; init; }

    public required string Password { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>Password create's body: a new user with an email and a strength-checked password.</summary>
public sealed record CreatePasswordRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public required string Email { get; init; }

    public required string Password { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }

    public NameWire? Name { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }
}

/// <summary>
/// Password migrate's body: a legacy hash with its type and config (see <see cref="MigratedHashWire"/>),
/// and the user it belongs to.
/// </summary>
public sealed record MigratePasswordRequest : MigratedHashWire
{
    public required string Email { get; init; }

    /// <summary>A config this version of the SDK has no property for, under its wire name.</summary>
    /// <remarks>Settable rather than init-only: System.Text.Json cannot bind extension data through an initializer.</remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherConfigs { get; set; }

    public NameWire? Name { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    public string? PhoneNumber { get; init; }

    public string? ExternalId { get; init; }

    public bool? SetEmailVerified { get; init; }

    public bool? SetPhoneNumberVerified { get; init; }

    /// <summary>Role ids of the RBAC policy for a user this call creates; checked as Create User checks them.</summary>
    public IReadOnlyList<string>? Roles { get; init; }
}

/// <summary>Strength check's body; with the email, a password resembling it scores lower.</summary>
public sealed record StrengthCheckRequest
{
    public required string Password { get; init; }

    public string? Email { get; init; }
}

/// <summary>Password reset by email, the start: sends the reset link.</summary>
public sealed record ResetStartRequest : PasswordlessRequest
{
    public string? ResetPasswordTemplateId { get; init; }

    public string? LoginRedirectUrl { get; init; }

    public required string Email { get; init; }

    public string? ResetPasswordRedirectUrl { get; init; }

    public int? ResetPasswordExpirationMinutes { get; init; }

    public string? CodeChallenge { get; init; }
}

/// <summary>Password reset by email, the end: the link's token and the new password.</summary>
public sealed record ResetByEmailRequest : PasswordlessRequest, ISessionFields
{
    public required string Token { get; init; }

    public required string Password { get; init; }

    public string? CodeVerifier { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>Password reset with the existing password.</summary>
public sealed record ResetByExistingPasswordRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public required string Email { get; init; }

    public required string ExistingPassword { get; init; }

    public required string NewPassword { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }
}

/// <summary>Password reset for the user of a live session (one of <c>session_token</c> and <c>session_jwt</c>).</summary>
public sealed record ResetBySessionRequest : ISessionFields
{
    public string? TelemetryId { get; init; }

    public int? SessionDurationMinutes { get; init; }

    public string? SessionToken { get; init; }

    public string? SessionJwt { get; init; }

    public JsonObject? SessionCustomClaims { get; init; }

    /// <summary>Required; checked after the session is, as Stytch does.</summary>
    public string? Password { get; init; }
}

using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.WebAuthn;

public sealed record RegisterStartCommand(
    string UserId,
    string? Domain,
    string? UserAgent,
    string? AuthenticatorType,
    bool ReturnPasskeyCredentialOptions,
    string? OverrideId,
    string? OverrideName,
    string? OverrideDisplayName,
    bool UseBase64UrlEncoding);

public sealed record RegisterStarted(string UserId, string CreationOptions);

public sealed record RegisterCommand(string UserId, string? PublicKeyCredential, SessionRequest Session);

public sealed record AuthenticateStartCommand(string? Domain, string? UserId, bool ReturnPasskeyCredentialOptions, bool UseBase64UrlEncoding);

public sealed record AuthenticateStarted(string UserId, string RequestOptions);

public sealed record AuthenticateCommand(string? PublicKeyCredential, SessionRequest Session);

/// <summary>A completed registration or login: the registration used, its user, and the session if one was asked for.</summary>
public sealed record WebAuthnAuthenticated(WebAuthnRegistration Registration, User User, IssuedSession? Session);

/// <summary>A credential's public half as the list-credentials endpoint shows it.</summary>
public sealed record WebAuthnCredential(string CredentialId, string WebAuthnRegistrationId, string Type, string PublicKey);

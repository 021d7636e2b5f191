using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.Passwords;

/// <summary>A Migrate Password request: a legacy hash plus what Create User accepts.</summary>
public sealed record MigratePasswordCommand(
    string Email,
    MigratedHashInput Hash,
    PersonName? Name,
    JsonObject? TrustedMetadata,
    JsonObject? UntrustedMetadata,
    string? PhoneNumber,
    string? ExternalId,
    bool SetEmailVerified,
    bool SetPhoneNumberVerified,
    IReadOnlyList<string>? Roles = null);

public sealed record MigratedPassword(User User, string EmailId, bool UserCreated);

public sealed record CreatePasswordCommand(string Email, string Password, SessionRequest Session, PersonName? Name, JsonObject? TrustedMetadata, JsonObject? UntrustedMetadata);

public sealed record ResetStartCommand(string Email, string? ResetUrl, int? ExpirationMinutes, string? CodeChallenge, string? Locale = null);

public sealed record ResetByEmailCommand(string Token, string Password, string? CodeVerifier, SessionRequest Session);

public sealed record ResetByExistingPasswordCommand(string Email, string ExistingPassword, string NewPassword, SessionRequest Session);

public sealed record ResetBySessionCommand(string Password, SessionRequest Session);

/// <summary>A successful password login or reset: the user, the email it used and the session it landed in.</summary>
public sealed record PasswordAuthenticated(User User, string EmailId, IssuedSession Session);

using System.Text.Json;
using Godwit.Contracts.Biometrics;
using Godwit.Contracts.WebAuthn;

namespace Godwit.Contracts.Users;

/// <summary>The SDK's <c>User</c> type, field for field.</summary>
public sealed record UserWire(
    string UserId,
    IReadOnlyList<EmailWire> Emails,
    string Status,
    IReadOnlyList<PhoneNumberWire> PhoneNumbers,
    IReadOnlyList<WebAuthnRegistrationWire> WebauthnRegistrations,
    IReadOnlyList<OAuthProviderWire> Providers,
    IReadOnlyList<TotpWire> Totps,
    IReadOnlyList<JsonElement> CryptoWallets,
    IReadOnlyList<BiometricRegistrationWire> BiometricRegistrations,
    bool IsLocked,
    IReadOnlyList<string> Roles,
    NameWire Name,
    string CreatedAt,
    PasswordWire? Password,
    JsonElement TrustedMetadata,
    JsonElement UntrustedMetadata,
    string? ExternalId,
    string? LockCreatedAt,
    string? LockExpiresAt);

public sealed record PasswordWire(string PasswordId, bool RequiresReset);

public sealed record EmailWire(string EmailId, string Email, bool Verified);

public sealed record PhoneNumberWire(string PhoneId, string PhoneNumber, bool Verified);

public sealed record NameWire(string FirstName, string MiddleName, string LastName);

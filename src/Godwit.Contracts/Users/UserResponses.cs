using System.Text.Json;
using Godwit.Contracts.Biometrics;
using Godwit.Contracts.WebAuthn;

namespace Godwit.Contracts.Users;

public sealed record CreateUserResponse(string UserId, string EmailId, string Status, string PhoneId, UserWire User) : ApiResponse;

/// <summary>Get User answers with the user's fields at the top level.</summary>
public sealed record GetUserResponse(
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
    string? LockExpiresAt) : ApiResponse
{
    public static GetUserResponse From(UserWire u) => new(
        u.UserId, u.Emails, u.Status, u.PhoneNumbers, u.WebauthnRegistrations, u.Providers, u.Totps, u.CryptoWallets,
        u.BiometricRegistrations, u.IsLocked, u.Roles, u.Name, u.CreatedAt, u.Password, u.TrustedMetadata, u.UntrustedMetadata,
        u.ExternalId, u.LockCreatedAt, u.LockExpiresAt);
}

public sealed record UpdateUserResponse(string UserId, IReadOnlyList<EmailWire> Emails, IReadOnlyList<PhoneNumberWire> PhoneNumbers, IReadOnlyList<JsonElement> CryptoWallets, UserWire User) : ApiResponse;

public sealed record DeleteUserResponse(string UserId) : ApiResponse;

/// <summary>Delete Email, Delete Phone Number and Delete External ID answer alike.</summary>
public sealed record UserChangedResponse(string UserId, UserWire User) : ApiResponse;

public sealed record SearchUsersResponse(IReadOnlyList<UserWire> Results, ResultsMetadataWire ResultsMetadata) : ApiResponse;

public sealed record ResultsMetadataWire(int Total, string? NextCursor);

using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Users.Creation;

/// <summary>
/// One person brought in bulk, by <c>POST /v1/users/import</c> or from an export by <c>godwit
/// import</c>: the legacy id becomes the Godwit user's external_id, and an address is verified only
/// where the export attests it. <see cref="NewUserValidation"/> turns it into a user.
/// </summary>
public sealed record ImportUser(
    long Line,
    string? LegacyId,
    string? Email,
    bool EmailVerified,
    string? PhoneNumber,
    bool PhoneVerified)
{
    public string? FirstName { get; init; }

    public string? MiddleName { get; init; }

    public string? LastName { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    /// <summary>The legacy password hash in the migrate request's shape, or null for a passwordless user.</summary>
    public MigratedHashInput? PasswordHash { get; init; }

    /// <summary>The export's further emails, after the first (<see cref="Email"/>), with their verified state.</summary>
    public IReadOnlyList<ImportedAddress> MoreEmails { get; init; } = [];

    /// <summary>The export's further phone numbers, after the first (<see cref="PhoneNumber"/>).</summary>
    public IReadOnlyList<ImportedAddress> MorePhoneNumbers { get; init; } = [];

    /// <summary>TOTP secrets the export carries (base32), kept only with --import-totp.</summary>
    public IReadOnlyList<ImportedTotp> Totps { get; init; } = [];

    /// <summary>The social and OpenID accounts the export links to the person, kept as their OAuth registrations.</summary>
    public IReadOnlyList<ImportedOAuthIdentity> OAuthIdentities { get; init; } = [];

    /// <summary>When the legacy system created the person, if the export says.</summary>
    public DateTime? CreatedAt { get; init; }
}

public sealed record ImportedTotp(string Secret, IReadOnlyList<string> RecoveryCodes);

/// <summary>An email or phone number as an export gives it, and whether the export says it was verified.</summary>
public sealed record ImportedAddress(string Value, bool Verified);

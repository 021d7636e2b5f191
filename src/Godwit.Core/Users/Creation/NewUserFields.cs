using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;

namespace Godwit.Core.Users.Creation;

/// <summary>
/// What a new user is made of, whichever way it comes (Create User, Migrate Password, the bulk
/// import, <c>godwit import</c>): as given, not yet checked. <see cref="NewUserValidation"/> checks
/// it and makes the user.
/// </summary>
public sealed record NewUserFields(string? Email, string? PhoneNumber)
{
    public PersonName? Name { get; init; }

    public JsonObject? TrustedMetadata { get; init; }

    public JsonObject? UntrustedMetadata { get; init; }

    public string? ExternalId { get; init; }

    /// <summary>The caller vouches for the address (Migrate Password's and the import's flags).</summary>
    public bool EmailVerified { get; init; }

    public bool PhoneVerified { get; init; }

    /// <summary>Further addresses an import brings, each with its own verified state.</summary>
    public IReadOnlyList<ImportedAddress> MoreEmails { get; init; } = [];

    public IReadOnlyList<ImportedAddress> MorePhoneNumbers { get; init; } = [];

    /// <summary>Linked provider accounts an import brings, made the user's OAuth registrations.</summary>
    public IReadOnlyList<ImportedOAuthIdentity> OAuthIdentities { get; init; } = [];

    public UserStatus Status { get; init; } = UserStatus.Active;

    /// <summary>When the legacy system created the person; now when null.</summary>
    public DateTime? CreatedAt { get; init; }

    /// <summary>A legacy hash in the migrate request's shape, checked completely before it is kept.</summary>
    public MigratedHashInput? PasswordHash { get; init; }

    /// <summary>A TOTP brought from another system, kept only where the validation has keys to seal it.</summary>
    public ImportedTotp? Totp { get; init; }

    public static NewUserFields From(ImportUser person) => new(person.Email, person.PhoneNumber)
    {
        Name = new PersonName(person.FirstName, person.MiddleName, person.LastName),
        TrustedMetadata = person.TrustedMetadata,
        UntrustedMetadata = person.UntrustedMetadata,
        ExternalId = person.LegacyId,
        EmailVerified = person.EmailVerified,
        PhoneVerified = person.PhoneVerified,
        MoreEmails = person.MoreEmails,
        MorePhoneNumbers = person.MorePhoneNumbers,
        OAuthIdentities = person.OAuthIdentities,
        CreatedAt = person.CreatedAt,
        PasswordHash = person.PasswordHash,
        // One active TOTP per user, as enrolment allows: the export's first one is kept.
        Totp = person.Totps.Count > 0 ? person.Totps[0] : null,
    };
}

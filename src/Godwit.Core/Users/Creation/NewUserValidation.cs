using Godwit.Core.Errors;
using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Totps;

namespace Godwit.Core.Users.Creation;

/// <summary>
/// The one set of rules a new user meets, whichever way it comes: Create User, Migrate Password,
/// <c>POST /v1/users/import</c> and <c>godwit import</c>, so an import refuses exactly what the API
/// would. Checks the fields in a fixed order, the first problem decides, and makes the user, not yet
/// stored: uniqueness is the store's to decide. A legacy hash is parsed and checked here, against
/// the configured caps, not at its owner's first login.
/// </summary>
public sealed class NewUserValidation(PasswordHashLimits hashLimits, TimeProvider clock, ProjectKeys? totpKeys = null)
{
    public const int MaxNamePartLength = 1024;

    /// <summary>
    /// A user asked for by one request (Create User, Migrate Password). As Stytch's reference says,
    /// it needs an email or a phone number.
    /// </summary>
    public Result<User> Validate(NewUserFields fields) =>
        fields.Email is null && fields.PhoneNumber is null
            ? ErrorCatalog.CreateUserNeedsAddress
            : Make(fields, imported: false);

    /// <summary>
    /// A person brought in bulk needs an email or a phone number too, refused with its own error
    /// naming the record: a record with neither cannot log in to Godwit in any way (Godwit has no
    /// username login), so it is reported for whoever fixes the export rather than stored.
    /// </summary>
    public Result<User> Validate(ImportUser person) =>
        person.Email is null && person.PhoneNumber is null
            ? ErrorCatalog.MissingEmailAndPhone
            : Make(NewUserFields.From(person), imported: true);

    /// <summary>A legacy hash checked completely, encodings, lengths and cost caps included.</summary>
    public Result<StoredPasswordHash> ParseLegacyHash(MigratedHashInput input) => PasswordHashParser.Parse(input, hashLimits);

    /// <summary>
    /// A request's caller knows what it sent and gets the catalog's message; an import's refusals
    /// are read by someone fixing an export, so they name the field and quote the value.
    /// </summary>
    private Result<User> Make(NewUserFields fields, bool imported)
    {
        string? email = null, phone = null;
        if (fields.Email is not null && !EmailAddress.TryNormalize(fields.Email, out email))
        {
            return Refuse(ErrorCatalog.InvalidEmail, imported, $"email '{fields.Email}' is not a valid email address.");
        }

        if (fields.PhoneNumber is not null && !PhoneNumber.TryNormalize(fields.PhoneNumber, out phone))
        {
            return Refuse(ErrorCatalog.InvalidPhoneNumber, imported, $"phone_number '{fields.PhoneNumber}' is not a valid E.164 phone number.");
        }

        var moreEmails = new List<(string Address, bool Verified)>();
        foreach (var more in fields.MoreEmails)
        {
            if (!EmailAddress.TryNormalize(more.Value, out var normalized))
            {
                return Refuse(ErrorCatalog.InvalidEmail, imported, $"email '{more.Value}' is not a valid email address.");
            }

            moreEmails.Add((normalized, more.Verified));
        }

        var morePhones = new List<(string Number, bool Verified)>();
        foreach (var more in fields.MorePhoneNumbers)
        {
            if (!PhoneNumber.TryNormalize(more.Value, out var normalized))
            {
                return Refuse(ErrorCatalog.InvalidPhoneNumber, imported, $"phone_number '{more.Value}' is not a valid E.164 phone number.");
            }

            morePhones.Add((normalized, more.Verified));
        }

        if (fields.ExternalId is not null && !UserService.IsValidExternalId(fields.ExternalId))
        {
            return Refuse(ErrorCatalog.InvalidExternalId, imported, "The legacy id cannot be an external_id: 1 to 128 printable characters without spaces.");
        }

        var trusted = Metadata.FromCreate(fields.TrustedMetadata);
        var untrusted = Metadata.FromCreate(fields.UntrustedMetadata);
        if (!Metadata.FitsLimit(trusted) || !Metadata.FitsLimit(untrusted))
        {
            return Refuse(ErrorCatalog.MetadataTooLarge, imported, "trusted_metadata and untrusted_metadata must each be at most 4096 bytes of JSON.");
        }

        if (fields.Name is { } name && new[] { name.FirstName, name.MiddleName, name.LastName }.Any(part => part is { Length: > MaxNamePartLength }))
        {
            return Refuse(ErrorCatalog.InvalidName, imported, $"Name parts must be at most {MaxNamePartLength} characters.");
        }

        StoredPasswordHash? hash = null;
        if (fields.PasswordHash is { } input)
        {
            var parsed = ParseLegacyHash(input);
            if (!parsed.Succeeded)
            {
                return Refuse(parsed.Error!, imported, $"password hash: {parsed.Error!.Message}");
            }

            hash = parsed.Value;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var user = Assemble(email, phone, fields.Status, fields.CreatedAt ?? now);
        UserTotp? totp = null;
        if (fields.Totp is { } given && totpKeys is not null)
        {
            var sealedTotp = TotpImport.Build(totpKeys, user.UserId, given.Secret, given.RecoveryCodes, now);
            if (!sealedTotp.Succeeded)
            {
                // Only imports bring TOTPs, so their refusal has one import-only type whatever failed.
                return ErrorCatalog.InvalidImportedTotp.WithMessage($"totp: {sealedTotp.Error!.Message}");
            }

            totp = sealedTotp.Value;
        }

        var registrations = ImportedOAuthIdentities.Build(user, fields.OAuthIdentities);
        if (!registrations.Succeeded)
        {
            return registrations.Error!;
        }

        user.FirstName = fields.Name?.FirstName;
        user.MiddleName = fields.Name?.MiddleName;
        user.LastName = fields.Name?.LastName;
        user.TrustedMetadata = trusted;
        user.UntrustedMetadata = untrusted;
        user.ExternalId = fields.ExternalId;
        user.Emails.ForEach(e => e.Verified = fields.EmailVerified);
        user.Phones.ForEach(p => p.Verified = fields.PhoneVerified);
        AddMore(user, moreEmails, morePhones);
        if (hash is not null)
        {
            user.Password = UserPassword.Create(user.UserId, hash, now);
        }

        if (totp is not null)
        {
            user.Totps.Add(totp);
        }

        user.OAuthRegistrations.AddRange(registrations.Value!);

        return user;
    }

    /// <summary>A user with at most one unverified email and phone, their addresses already in normal form.</summary>
    internal static User Assemble(string? normalizedEmail, string? e164Phone, UserStatus status, DateTime createdAt)
    {
        var userId = PrefixedId.New(PrefixedId.User);
        var user = new User { UserId = userId, Status = status, CreatedAt = createdAt };
        if (normalizedEmail is not null)
        {
            user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = userId, Address = normalizedEmail, CreatedAt = createdAt });
        }

        if (e164Phone is not null)
        {
            user.Phones.Add(new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = userId, Number = e164Phone, CreatedAt = createdAt });
        }

        return user;
    }

    /// <summary>
    /// The further addresses after the first, each with its own verified state; one the user already
    /// has (the same address written twice, in two spellings that normalise alike) is kept once, the
    /// verified state of either counting.
    /// </summary>
    private static void AddMore(User user, List<(string Address, bool Verified)> emails, List<(string Number, bool Verified)> phones)
    {
        foreach (var (address, verified) in emails)
        {
            if (user.Emails.Find(e => e.Address == address) is { } same)
            {
                same.Verified |= verified;
                continue;
            }

            user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = user.UserId, Address = address, Verified = verified, CreatedAt = user.CreatedAt });
        }

        foreach (var (number, verified) in phones)
        {
            if (user.Phones.Find(p => p.Number == number) is { } same)
            {
                same.Verified |= verified;
                continue;
            }

            user.Phones.Add(new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = user.UserId, Number = number, Verified = verified, CreatedAt = user.CreatedAt });
        }
    }

    private static ApiError Refuse(ApiError error, bool imported, string importMessage) => imported ? error.WithMessage(importMessage) : error;
}

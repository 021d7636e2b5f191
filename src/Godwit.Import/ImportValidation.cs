using Godwit.Core.Passwords;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Totps;
using Godwit.Core.Users;

namespace Godwit.Import;

/// <summary>
/// Turns an exported person into the user Godwit would store, with every check Create User and
/// Migrate Password make, so that an import refuses exactly what the API would refuse. Every hash is
/// parsed and checked here, not at the person's first login.
/// </summary>
public sealed class ImportValidation(PasswordHashLimits limits, TimeProvider clock, ProjectKeys? totpKeys = null)
{
    /// <summary>True when the export's TOTP secrets are kept (<c>--import-totp</c>), sealed under these keys.</summary>
    public bool ImportsTotps => totpKeys is not null;

    /// <summary>The user to write, or the refusal naming the field at fault.</summary>
    public ImportRow Check(ImportUser person, out User? user)
    {
        user = null;
        string? email = null, phone = null;
        if (person.Email is null && person.PhoneNumber is null)
        {
            return Refuse(person, "missing_email_and_phone", "The record has neither an email nor a phone number.");
        }

        if (person.Email is not null && !EmailAddress.TryNormalize(person.Email, out email))
        {
            return Refuse(person, "invalid_email", $"email '{person.Email}' is not a valid email address.");
        }

        if (person.PhoneNumber is not null && !PhoneNumber.TryNormalize(person.PhoneNumber, out phone))
        {
            return Refuse(person, "invalid_phone_number", $"phone_number '{person.PhoneNumber}' is not a valid E.164 phone number.");
        }

        if (person.LegacyId is not null && !UserService.IsValidExternalId(person.LegacyId))
        {
            return Refuse(person, "invalid_external_id", "The legacy id cannot be an external_id: 1 to 128 printable characters without spaces.");
        }

        var trusted = Metadata.FromCreate(person.TrustedMetadata);
        var untrusted = Metadata.FromCreate(person.UntrustedMetadata);
        if (!Metadata.FitsLimit(trusted) || !Metadata.FitsLimit(untrusted))
        {
            return Refuse(person, "metadata_too_large", "trusted_metadata and untrusted_metadata must each be at most 4096 bytes of JSON.");
        }

        if (new[] { person.FirstName, person.MiddleName, person.LastName }.Any(part => part is { Length: > 1024 }))
        {
            return Refuse(person, "invalid_name", "Name parts must be at most 1024 characters.");
        }

        StoredPasswordHash? hash = null;
        if (person.PasswordHash is { } input)
        {
            var parsed = PasswordHashParser.Parse(input, limits);
            if (!parsed.Succeeded)
            {
                return Refuse(person, parsed.Error!.ErrorType, $"password hash: {parsed.Error.Message}");
            }

            hash = parsed.Value;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var created = person.CreatedAt ?? now;
        var userId = PrefixedId.New(PrefixedId.User);

        // One active TOTP per user, as enrolment allows: the export's first one is kept.
        UserTotp? totp = null;
        if (totpKeys is not null && person.Totps.Count > 0)
        {
            var imported = TotpImport.Build(totpKeys, userId, person.Totps[0].Secret, person.Totps[0].RecoveryCodes, now);
            if (!imported.Succeeded)
            {
                return Refuse(person, "invalid_totp", $"totp: {imported.Error!.Message}");
            }

            totp = imported.Value;
        }
        user = new User
        {
            UserId = userId,
            Status = UserStatus.Active,
            FirstName = person.FirstName,
            MiddleName = person.MiddleName,
            LastName = person.LastName,
            TrustedMetadata = trusted,
            UntrustedMetadata = untrusted,
            ExternalId = person.LegacyId,
            CreatedAt = created,
        };
        if (email is not null)
        {
            user.Emails.Add(new UserEmail { EmailId = PrefixedId.New(PrefixedId.Email), UserId = userId, Address = email, Verified = person.EmailVerified, CreatedAt = created });
        }

        if (phone is not null)
        {
            user.Phones.Add(new UserPhone { PhoneId = PrefixedId.New(PrefixedId.Phone), UserId = userId, Number = phone, Verified = person.PhoneVerified, CreatedAt = created });
        }

        if (hash is not null)
        {
            user.Password = UserPassword.Create(userId, hash, now);
        }

        if (totp is not null)
        {
            user.Totps.Add(totp);
        }

        return new ImportRow.Read(person);
    }

    private static ImportRow.Refused Refuse(ImportUser person, string errorType, string message) =>
        new(person.Line, person.LegacyId, errorType, message);
}

using System.Security.Cryptography;
using Godwit.Core.Biometrics;
using Godwit.Core.Passwords;
using Godwit.Core.Totps;
using Godwit.Core.Users;
using Godwit.Core.WebAuthn;

namespace Godwit.Storage.Tests.Support;

/// <summary>Rows with values no other test uses, and instants both databases keep exactly.</summary>
internal static class Rows
{
    /// <summary>Now, to the microsecond: PostgreSQL keeps no finer instants.</summary>
    public static DateTime Now => Microseconds(DateTime.UtcNow);

    public static DateTime Microseconds(DateTime instant) => new(instant.Ticks - (instant.Ticks % 10), DateTimeKind.Utc);

    public static string Email() => $"{Guid.NewGuid():N}@example.com";

    /// <summary>A North American number in E.164 form, random enough that tests never share one.</summary>
    public static string Phone() => "+1" + RandomNumberGenerator.GetInt32(200, 999).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static byte[] Bytes(int length = 32) => RandomNumberGenerator.GetBytes(length);

    public static string Id(string prefix) => PrefixedId.New(prefix);

    /// <summary>A user with one email, and a phone number when asked; nothing else.</summary>
    public static User User(string? email = null, string? phone = null, string? externalId = null, DateTime? createdAt = null)
    {
        var userId = Id(PrefixedId.User);
        var created = createdAt ?? Now;
        var user = new User { UserId = userId, Status = UserStatus.Pending, ExternalId = externalId, CreatedAt = created };
        if (email is not null)
        {
            user.Emails.Add(new UserEmail { EmailId = Id(PrefixedId.Email), UserId = userId, Address = email, CreatedAt = created });
        }

        if (phone is not null)
        {
            user.Phones.Add(new UserPhone { PhoneId = Id(PrefixedId.Phone), UserId = userId, Number = phone, CreatedAt = created });
        }

        return user;
    }

    /// <summary>A user with every field and every kind of child row set to a value other than its default.</summary>
    public static User FullUser()
    {
        var now = Now;
        var user = User(Email(), Phone(), externalId: $"legacy-{Guid.NewGuid():N}", createdAt: now.AddMinutes(-5));
        user.Status = UserStatus.Active;
        user.FirstName = "Ada";
        user.MiddleName = "King";
        user.LastName = "Lovelace";
        user.TrustedMetadata = """{"plan":"gold"}""";
        user.UntrustedMetadata = """{"theme":"dark"}""";
        user.PasswordDeletedAt = now.AddDays(-3);
        user.FailedAuthentications = 2;
        user.LockCreatedAt = now.AddMinutes(-1);
        user.LockExpiresAt = now.AddMinutes(59);
        user.Emails[0].Verified = true;
        user.Phones[0].Verified = true;
        user.Password = Password(user.UserId, now);
        user.Password.ResetRequired = true;
        var totp = Totp(user.UserId, verified: true, now);
        totp.LastUsedStep = 12345;
        totp.FailedAttempts = 1;
        totp.AttemptWindowStartedAt = now.AddSeconds(-30);
        totp.RecoveryCodes.Add(RecoveryCode(totp.TotpId));
        user.Totps.Add(totp);
        user.WebAuthnRegistrations.Add(WebAuthnRegistration(user.UserId, now));
        user.BiometricRegistrations.Add(BiometricRegistration(user.UserId, now));
        return user;
    }

    public static UserPassword Password(string userId, DateTime now) => new()
    {
        PasswordId = Id(PrefixedId.Password),
        UserId = userId,
        HashType = "argon_2",
        Hash = $"$argon2id$v=19$m=19456,t=2,p=1${Guid.NewGuid():N}",
        CreatedAt = now.AddDays(-1),
        UpdatedAt = now.AddDays(-1),
    };

    public static UserTotp Totp(string userId, bool verified, DateTime now) => new()
    {
        TotpId = Id(PrefixedId.Totp),
        UserId = userId,
        EncryptedSecret = Bytes(48),
        Verified = verified,
        CreatedAt = now.AddMinutes(-2),
        ExpiresAt = verified ? null : now.AddMinutes(10),
    };

    public static TotpRecoveryCode RecoveryCode(string totpId) => new()
    {
        RecoveryCodeId = Id(PrefixedId.TotpRecoveryCode),
        TotpId = totpId,
        EncryptedCode = Bytes(40),
    };

    public static WebAuthnRegistration WebAuthnRegistration(string userId, DateTime now) => new()
    {
        WebAuthnRegistrationId = Id(PrefixedId.WebAuthnRegistration),
        UserId = userId,
        Domain = "example.com",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
        AuthenticatorType = "platform",
        Name = "Laptop",
        CredentialId = Bytes(),
        PublicKey = Bytes(77),
        UserHandle = Bytes(16),
        SignCount = 7,
        CreatedAt = now.AddMinutes(-4),
    };

    public static BiometricRegistration BiometricRegistration(string userId, DateTime now) => new()
    {
        BiometricRegistrationId = Id(PrefixedId.BiometricRegistration),
        UserId = userId,
        KeyType = BiometricKeyType.EcdsaP256,
        PublicKey = Bytes(65),
        CreatedAt = now.AddMinutes(-3),
    };
}

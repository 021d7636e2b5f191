using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Godwit.Contracts;
using Godwit.Contracts.Passwords;
using Godwit.Contracts.Users;
using Godwit.Core.Passwords.Hashing;
using Godwit.Core.Security;
using Godwit.Core.Totps;
using Godwit.Core.Users;

namespace Godwit.Import.Targets;

/// <summary>A user as the Contracts requests the API targets send: Create User, Migrate Password, Update User and Bulk Import rows.</summary>
internal static class UserRequestJson
{
    /// <summary>The Contracts' serialisation as the SDK sends requests: a field left null is not sent.</summary>
    public static readonly GodwitJsonContext Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>Create User has no verified flags: addresses start unverified, as for any new user.</summary>
    public static CreateUserRequest CreateUser(User user) => new()
    {
        Email = user.Emails.FirstOrDefault()?.Address,
        PhoneNumber = user.Phones.FirstOrDefault()?.Number,
        Name = Name(user),
        TrustedMetadata = Metadata(user.TrustedMetadata),
        UntrustedMetadata = Metadata(user.UntrustedMetadata),
        ExternalId = user.ExternalId,
    };

    /// <summary>Migrate Password for a user with a migrated hash (stored in the request's own shape) and an email.</summary>
    public static MigratePasswordRequest MigratePassword(User user, MigratedHashWire hash) => HashConfigTable.ToWire(HashConfigTable.ToInput(hash), new MigratePasswordRequest
    {
        HashType = hash.HashType,
        Hash = hash.Hash,
        Email = user.Emails[0].Address,
        SetEmailVerified = user.Emails[0].Verified,
        PhoneNumber = user.Phones.FirstOrDefault()?.Number,
        SetPhoneNumberVerified = user.Phones.FirstOrDefault()?.Verified,
        Name = Name(user),
        TrustedMetadata = Metadata(user.TrustedMetadata),
        UntrustedMetadata = Metadata(user.UntrustedMetadata),
        ExternalId = user.ExternalId,
    });

    /// <summary>What an upsert changes on a user the API already has.</summary>
    public static UpdateUserRequest UpdateUser(User user) => new()
    {
        Name = Name(user),
        TrustedMetadata = Metadata(user.TrustedMetadata),
        UntrustedMetadata = Metadata(user.UntrustedMetadata),
    };

    /// <summary>A Bulk Import row: the user, its verified flags, its migrated hash's fields, its TOTP and its linked provider accounts, if any.</summary>
    public static ImportUserRow ImportRow(User user, ProjectKeys totpKeys) => new()
    {
        ExternalId = user.ExternalId,
        Email = user.Emails.FirstOrDefault()?.Address,
        SetEmailVerified = user.Emails.FirstOrDefault()?.Verified,
        PhoneNumber = user.Phones.FirstOrDefault()?.Number,
        SetPhoneNumberVerified = user.Phones.FirstOrDefault()?.Verified,
        Name = Name(user),
        TrustedMetadata = Metadata(user.TrustedMetadata),
        UntrustedMetadata = Metadata(user.UntrustedMetadata),
        PasswordHash = MigratedHash(user) is { } hash
            ? JsonSerializer.SerializeToElement(hash, Json.MigratedHashWire).EnumerateObject().ToDictionary(field => field.Name, field => field.Value)
            : null,
        Totps = user.Totps.Count > 0 ? user.Totps.Select(totp => PlainTotp(totp, totpKeys)).ToList() : null,
        Providers = user.OAuthRegistrations.Count > 0
            ? user.OAuthRegistrations.Select(r => new ImportedProviderWire(r.ProviderType, r.ProviderSubject, r.ProfilePictureUrl, r.Locale)).ToList()
            : null,
    };

    /// <summary>A TOTP sealed under <paramref name="keys"/> as the import request carries it: secret in base32, codes as text.</summary>
    private static ImportedTotpWire PlainTotp(UserTotp totp, ProjectKeys keys) => new(
        TotpSecrets.ToBase32(TotpSecrets.OpenSecret(keys, totp) ?? throw new InvalidOperationException("A TOTP not sealed under this run's keys.")),
        totp.RecoveryCodes.Select(code => Encoding.UTF8.GetString(TotpSecrets.OpenRecoveryCode(keys, code)!)).ToList());

    /// <summary>The user's migrated hash, stored in Migrate Password's shape; null when the user has none.</summary>
    public static MigratedHashWire? MigratedHash(User user) =>
        user.Password is { } password ? JsonSerializer.Deserialize(password.Hash, GodwitJsonContext.Default.MigratedHashWire) : null;

    private static NameWire Name(User user) => new(user.FirstName!, user.MiddleName!, user.LastName!);

    private static JsonObject? Metadata(string json) => JsonNode.Parse(json) as JsonObject;
}

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>The project's password hash parameters, from the console's "Password hash parameters" dialog.</summary>
internal sealed record FirebaseHashParameters(string SignerKey, string SaltSeparator, int Rounds, int MemoryCost);

/// <summary>
/// <c>firebase auth:export users.json --format=json</c>: <c>{"users": [...]}</c>. Passwords are
/// Firebase's modified scrypt, which needs the project's parameters, given as options because the
/// export does not carry them.
/// </summary>
internal sealed class FirebasePreset(FirebaseHashParameters parameters) : IExportPreset
{
    public static PresetDefinition Definition { get; } = new(
        "firebase",
        "Firebase Authentication export (firebase auth:export --format=json), with the project's password hash parameters.",
        [
            new PresetOption("firebase-signer-key", true, "base64_signer_key from the console's password hash parameters."),
            new PresetOption("firebase-salt-separator", false, "base64_salt_separator (default Bw==)."),
            new PresetOption("firebase-rounds", true, "rounds (1-8, usually 8)."),
            new PresetOption("firebase-mem-cost", true, "mem_cost (1-14, usually 14)."),
        ],
        options => new FirebasePreset(new FirebaseHashParameters(
            PresetOptions.Base64("firebase-signer-key", options.Required("firebase-signer-key")),
            PresetOptions.Base64("firebase-salt-separator", options.Optional("firebase-salt-separator") ?? "Bw=="),
            options.RequiredInt("firebase-rounds", 1, 8),
            options.RequiredInt("firebase-mem-cost", 1, 14))));

    public string Name => Definition.Name;

    public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in JsonArrayReader.ReadAsync(path, "users", cancellationToken))
        {
            yield return Map(record);
        }
    }

    private ImportRow Map(ExportRecord record)
    {
        var fields = new FieldReader(record);
        var localId = fields.Required("localId");
        var (first, last) = FullName.Split(fields.Text("displayName"));
        var hash = fields.Text("passwordHash");
        var salt = fields.Text("salt");
        if (hash is not null && salt is null)
        {
            fields.Fail("passwordHash is set but salt is missing; Firebase hashes cannot be checked without the user's salt.");
        }

        if (fields.Flag("disabled"))
        {
            fields.Fail("the user is disabled in Firebase.", ErrorCatalog.DisabledImportUser);
        }

        return fields.Finish(new ImportUser(record.Line, localId, fields.Text("email"), fields.Flag("emailVerified"), fields.Text("phoneNumber"), PhoneVerified: false)
        {
            FirstName = first,
            LastName = last,
            TrustedMetadata = fields.Object("customAttributes"),
            CreatedAt = fields.UnixTime("createdAt", milliseconds: true),
            PasswordHash = hash is null || salt is null ? null : new MigratedHashInput(HashTypes.FirebaseScrypt, hash)
            {
                FirebaseScryptConfig = new FirebaseScryptConfig(salt, parameters.SaltSeparator, parameters.SignerKey, parameters.Rounds, parameters.MemoryCost),
            },
            OAuthIdentities = LinkedIdentities.Read(fields, "providerUserInfo", Identity),
        });
    }

    private static readonly Dictionary<string, string> SocialProviders = new(StringComparer.Ordinal)
    {
        ["google.com"] = "Google",
        ["apple.com"] = "Apple",
        ["github.com"] = "Github",
        ["microsoft.com"] = "Microsoft",
        ["facebook.com"] = "Facebook",
    };

    /// <summary>
    /// An entry of <c>providerUserInfo</c>, its <c>rawId</c> the provider's id for the person. An
    /// OpenID provider (<c>oidc.&lt;name&gt;</c>) is the generic provider of that name; another keeps
    /// its id; the email/password and phone sign-ins are no provider account.
    /// </summary>
    private static ImportedOAuthIdentity? Identity(JsonObject info)
    {
        var providerId = LinkedIdentities.Text(info["providerId"]) ?? "";
        if (providerId is "password" or "phone")
        {
            return null;
        }

        var type = SocialProviders.GetValueOrDefault(providerId)
            ?? (providerId.StartsWith("oidc.", StringComparison.Ordinal) ? providerId["oidc.".Length..] : providerId);
        return new ImportedOAuthIdentity(type, LinkedIdentities.Subject(info["rawId"]))
        {
            ProfilePictureUrl = LinkedIdentities.Text(info["photoUrl"]),
        };
    }
}

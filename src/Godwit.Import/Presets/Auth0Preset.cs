using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Auth0's user export (an export job's JSON Lines, the Import/Export extension's JSON array, or CSV
/// with the same column names), joined with the password hash export Auth0 support delivers.
/// </summary>
internal sealed class Auth0Preset(string? hashesPath) : IExportPreset
{
    public static PresetDefinition Definition { get; } = new(
        "auth0",
        "Auth0 user export (JSON Lines, JSON array or CSV); passwords and TOTP secrets from the password hash export.",
        [new PresetOption("hashes", false, "The password hash export (JSON Lines), joined by user id, else by email.")],
        options => new Auth0Preset(options.OptionalFile("hashes")));

    public string Name => Definition.Name;

    public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var hashes = hashesPath is null ? null : await Auth0HashIndex.BuildAsync(hashesPath, cancellationToken);
        await foreach (var record in ExportFile.ReadAnyAsync(path, cancellationToken))
        {
            yield return Map(record, hashes);
        }
    }

    private static ImportRow Map(ExportRecord record, Auth0HashIndex? hashes)
    {
        var fields = new FieldReader(record);
        var userId = fields.Required("user_id");
        var email = fields.Text("email");
        var (first, last) = (fields.Text("given_name"), fields.Text("family_name"));
        var name = fields.Text("name");
        if (first is null && last is null && name?.Contains('@', StringComparison.Ordinal) == false)
        {
            // Auth0 fills "name" with the email address when a user has none; that is no name.
            (first, last) = FullName.Split(name);
        }

        var credentials = userId is null ? null : hashes?.Find(userId, email, fields);
        return fields.Finish(new ImportUser(record.Line, userId, email, fields.Flag("email_verified"), fields.Text("phone_number"), fields.Flag("phone_verified"))
        {
            FirstName = first,
            LastName = last,
            UntrustedMetadata = fields.Object("user_metadata"),
            TrustedMetadata = fields.Object("app_metadata"),
            CreatedAt = fields.Timestamp("created_at"),
            PasswordHash = credentials?.PasswordHash is { } hash ? new MigratedHashInput(HashTypes.Bcrypt, hash) : null,
            Totps = credentials?.Totps ?? [],
            OAuthIdentities = LinkedIdentities.Read(fields, "identities", Identity),
        });
    }

    /// <summary>Auth0's social connections, by the identity's <c>provider</c>, as Stytch names them.</summary>
    private static readonly Dictionary<string, string> SocialProviders = new(StringComparer.Ordinal)
    {
        ["google-oauth2"] = "Google",
        ["apple"] = "Apple",
        ["github"] = "Github",
        ["windowslive"] = "Microsoft",
        ["facebook"] = "Facebook",
        ["gitlab"] = "GitLab",
        ["discord"] = "Discord",
    };

    /// <summary>
    /// An entry of <c>identities</c>: a social connection becomes its provider's account; a custom
    /// OpenID or OAuth connection (provider <c>oidc</c>, <c>oauth2</c>) a generic provider named after
    /// the connection; another social provider keeps its name. Auth0's own database (<c>auth0</c>)
    /// and passwordless email and SMS are no provider account.
    /// </summary>
    private static ImportedOAuthIdentity? Identity(JsonObject identity)
    {
        var provider = LinkedIdentities.Text(identity["provider"]) ?? "";
        if (provider is "auth0" or "email" or "sms")
        {
            return null;
        }

        var type = SocialProviders.GetValueOrDefault(provider)
            ?? (provider is "oidc" or "oauth2" ? LinkedIdentities.Text(identity["connection"]) : null)
            ?? provider;
        return new ImportedOAuthIdentity(type, LinkedIdentities.Subject(identity["user_id"]))
        {
            ProfilePictureUrl = LinkedIdentities.Text(identity["profileData"]?["picture"]),
        };
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Rows of Supabase's <c>auth.users</c> table, as CSV (the table editor, <c>\copy … csv header</c>),
/// JSON Lines or a JSON array (<c>row_to_json</c>, <c>json_agg</c>). Passwords are bcrypt. The
/// user's rows of <c>auth.identities</c>, aggregated into an <c>identities</c> column by the
/// export query (docs/import.md), become their linked accounts.
/// </summary>
internal sealed class SupabasePreset : IExportPreset
{
    public static PresetDefinition Definition { get; } = new(
        "supabase",
        "Supabase auth.users rows as CSV, JSON Lines or a JSON array; bcrypt passwords.",
        [],
        _ => new SupabasePreset());

    public string Name => Definition.Name;

    public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in ExportFile.ReadAnyAsync(path, cancellationToken))
        {
            yield return Map(record);
        }
    }

    private static ImportRow Map(ExportRecord record)
    {
        var fields = new FieldReader(record);
        var phone = fields.Text("phone");
        return fields.Finish(new ImportUser(
            record.Line,
            fields.Required("id"),
            fields.Text("email"),
            EmailVerified: fields.Text("email_confirmed_at") is not null,
            // GoTrue stores numbers in E.164 without the '+'.
            phone is null || phone.StartsWith('+') ? phone : "+" + phone,
            PhoneVerified: fields.Text("phone_confirmed_at") is not null)
        {
            UntrustedMetadata = fields.Object("raw_user_meta_data"),
            TrustedMetadata = fields.Object("raw_app_meta_data"),
            CreatedAt = fields.Timestamp("created_at"),
            PasswordHash = fields.Text("encrypted_password") is { } hash ? new MigratedHashInput(HashTypes.Bcrypt, hash) : null,
            OAuthIdentities = LinkedIdentities.Read(fields, "identities", Identity),
        });
    }

    /// <summary>GoTrue's provider names where Stytch's differ in more than case (Azure is Microsoft's).</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal) { ["azure"] = "Microsoft" };

    /// <summary>
    /// A row of <c>auth.identities</c>: the provider's id for the person is <c>provider_id</c>, or on
    /// older GoTrue versions (without that column) <c>identity_data.sub</c>. The email and phone
    /// identities GoTrue keeps for every user are no provider account.
    /// </summary>
    private static ImportedOAuthIdentity? Identity(JsonObject identity)
    {
        var provider = LinkedIdentities.Text(identity["provider"]) ?? "";
        if (provider is "email" or "phone")
        {
            return null;
        }

        var data = identity["identity_data"] as JsonObject;
        var subject = identity["provider_id"] is { } providerId ? providerId : data?["sub"];
        return new ImportedOAuthIdentity(Renamed.GetValueOrDefault(provider) ?? provider, LinkedIdentities.Subject(subject))
        {
            ProfilePictureUrl = LinkedIdentities.Text(data?["avatar_url"]) ?? LinkedIdentities.Text(data?["picture"]),
        };
    }
}

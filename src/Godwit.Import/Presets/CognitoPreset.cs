using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets;

/// <summary>
/// Amazon Cognito user pools: the ListUsers JSON (<c>aws cognito-idp list-users</c>,
/// <c>{"Users": [...]}</c>) or the CSV of the user import header (<c>GetCSVHeader</c>), told apart by
/// the first character. Both become the same attribute record. Cognito never exports password hashes.
/// </summary>
internal sealed class CognitoPreset : IExportPreset
{
    private const string CsvUsername = "cognito:username";
    private const string CustomPrefix = "custom:";
    private const string AttributeName = "Name";

    public static PresetDefinition Definition { get; } = new(
        "cognito",
        "Amazon Cognito ListUsers JSON or user import CSV; no passwords (Cognito never exports hashes).",
        [],
        _ => new CognitoPreset());

    public string Name => Definition.Name;

    public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await ExportFile.SniffAsync(path, cancellationToken) == ExportFileKind.JsonObject)
        {
            await foreach (var record in JsonArrayReader.ReadAsync(path, "Users", cancellationToken))
            {
                var attributes = Attributes(record, out var problem);
                yield return Map(attributes, problem);
            }
        }
        else
        {
            await foreach (var record in CsvReader.ReadAsync(path, cancellationToken))
            {
                yield return Map(record, problem: null);
            }
        }
    }

    /// <summary>A ListUsers user as a row of attributes, plus its Username, UserCreateDate and Enabled (no attribute has those names).</summary>
    private static TextRecord Attributes(JsonRecord user, out string? problem)
    {
        problem = null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (user.Node("Attributes"))
        {
            case null:
                break;
            case JsonArray list:
                foreach (var attribute in list)
                {
                    // ListUsers' own key, not this class's Name property.
                    if (attribute?[AttributeName] is JsonValue name && name.TryGetValue<string>(out var key))
                    {
                        attributes[key] = attribute["Value"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
                    }
                    else
                    {
                        problem ??= "Attributes has an entry without a Name.";
                    }
                }

                break;
            default:
                problem = "Attributes is not an array.";
                break;
        }

        foreach (var field in (ReadOnlySpan<string>)["Username", "UserCreateDate", "Enabled"])
        {
            if (user.Text(field) is { } value)
            {
                attributes[field] = value;
            }
        }

        return new TextRecord(user.Line, attributes) { End = user.End };
    }

    private static ImportRow Map(TextRecord record, string? problem)
    {
        var fields = new FieldReader(record);
        if (problem is not null)
        {
            fields.Fail(problem);
        }

        var legacyId = fields.Text("sub") ?? fields.Text("Username") ?? fields.Text(CsvUsername);
        if (legacyId is null)
        {
            fields.Fail($"sub and {(record.Has(CsvUsername) ? CsvUsername : "Username")} are both missing.");
        }

        if (record.Has("Enabled") && !fields.Flag("Enabled"))
        {
            fields.Fail("the user is disabled in Cognito.", ErrorCatalog.DisabledImportUser);
        }

        var (first, last) = (fields.Text("given_name"), fields.Text("family_name"));
        if (first is null && last is null)
        {
            (first, last) = FullName.Split(fields.Text("name"));
        }

        return fields.Finish(new ImportUser(
            record.Line, legacyId, fields.Text("email"), fields.Flag("email_verified"), fields.Text("phone_number"), fields.Flag("phone_number_verified"))
        {
            FirstName = first,
            MiddleName = fields.Text("middle_name"),
            LastName = last,
            TrustedMetadata = Custom(record),
            CreatedAt = CreatedAt(fields),
            OAuthIdentities = Identities(fields),
        });
    }

    /// <summary>Cognito's built-in social providers, by the name its federated users carry, as Stytch names them.</summary>
    private static readonly Dictionary<string, string> SocialProviders = new(StringComparer.Ordinal)
    {
        ["Google"] = "Google",
        ["SignInWithApple"] = "Apple",
        ["Facebook"] = "Facebook",
    };

    /// <summary>
    /// A federated user's accounts: the <c>identities</c> attribute (JSON text of
    /// <c>{providerName, userId}</c> entries), else the username Cognito gives a federated user,
    /// <c>&lt;providerName&gt;_&lt;userId&gt;</c>, for a built-in social provider. An OpenID or SAML
    /// provider keeps its configured name, as a generic provider configured under it.
    /// </summary>
    private static IReadOnlyList<ImportedOAuthIdentity> Identities(FieldReader fields)
    {
        if (fields.Text("identities") is not null)
        {
            return LinkedIdentities.Read(fields, "identities", identity =>
            {
                var name = LinkedIdentities.Text(identity["providerName"]) ?? "";
                return new ImportedOAuthIdentity(SocialProviders.GetValueOrDefault(name) ?? name, LinkedIdentities.Subject(identity["userId"]));
            });
        }

        var username = fields.Text("Username") ?? fields.Text(CsvUsername);
        var cut = username?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        return cut > 0 && SocialProviders.TryGetValue(username![..cut], out var type) && cut < username.Length - 1
            ? [new ImportedOAuthIdentity(type, username[(cut + 1)..])]
            : [];
    }

    /// <summary><c>custom:plan</c> becomes <c>plan</c>: the prefix is Cognito's namespace, not part of the name.</summary>
    private static JsonObject? Custom(TextRecord record)
    {
        JsonObject? custom = null;
        foreach (var (name, value) in record.Fields)
        {
            if (name.StartsWith(CustomPrefix, StringComparison.Ordinal) && value.Length > 0)
            {
                (custom ??= [])[name[CustomPrefix.Length..]] = value;
            }
        }

        return custom;
    }

    // The CLI prints UserCreateDate as ISO 8601 text; the API's own JSON has Unix seconds.
    private static DateTime? CreatedAt(FieldReader fields) =>
        decimal.TryParse(fields.Text("UserCreateDate"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? fields.UnixTime("UserCreateDate", milliseconds: false)
            : fields.Timestamp("UserCreateDate");
}

using System.Text.Json;
using Godwit.Migration.Backfill;

namespace Godwit.Migration.Export;

/// <summary>What an export of the unseen users wrote.</summary>
/// <param name="Path">The JSON Lines file, one user a line.</param>
/// <param name="MappingPath">The mapping file for <c>godwit import --preset generic</c>.</param>
/// <param name="Exported">Users written.</param>
/// <param name="WithoutAddress">Users left out because they have neither an email nor a phone number.</param>
public sealed record UnseenExportResult(string Path, string MappingPath, long Exported, long WithoutAddress);

/// <summary>
/// Writes the application users that have no Godwit user id yet as a file <c>godwit import</c> reads
/// (the generic preset, JSON Lines, with the mapping file beside it): the application user's id as
/// the legacy id, which becomes the Godwit user's <c>external_id</c>, and the email, phone number and
/// name <c>NewGodwitUser</c> gives. Imported users are then linked by the next <c>godwit backfill</c>
/// (found by that external_id, without creating anyone) or at their first login (by verified address).
/// </summary>
/// <typeparam name="TUser">The application's user type.</typeparam>
public sealed class UnseenUsersExport<TUser>
    where TUser : class
{
    private const int PageSize = 1_000;

    private readonly IApplicationUserStore<TUser> users;
    private readonly IBackfillStore<TUser> source;

    /// <summary>Created by dependency injection (<c>AddGodwitMigration</c>), scoped.</summary>
    public UnseenUsersExport(IApplicationUserStore<TUser> users, IBackfillStore<TUser> source)
    {
        this.users = users;
        this.source = source;
    }

    /// <summary>The mapping file written beside <paramref name="path"/>: <c>unseen.jsonl</c> → <c>unseen.mapping.json</c>.</summary>
    public static string MappingPathFor(string path) => System.IO.Path.ChangeExtension(path, ".mapping.json");

    /// <summary>
    /// Writes the file and its mapping. The file appears whole or not at all (it is written aside and
    /// renamed), so an interrupted export never leaves half a file for an import to take.
    /// </summary>
    public async Task<UnseenExportResult> WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = System.IO.Path.GetFullPath(path);
        var partial = path + ".partial";
        long exported = 0, withoutAddress = 0;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var json = new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true });
            TUser? after = null;
            IReadOnlyList<TUser> page;
            do
            {
                page = await source.ListUnlinkedAsync(after, PageSize, cancellationToken);
                foreach (var user in page)
                {
                    var godwit = source.NewGodwitUser(user);
                    if (godwit.Email is null && godwit.PhoneNumber is null)
                    {
                        withoutAddress++;
                        continue;
                    }

                    json.WriteStartObject();
                    json.WriteString("id", users.GetApplicationUserId(user));
                    WriteIfSet(json, "email", godwit.Email);
                    WriteIfSet(json, "phone_number", godwit.PhoneNumber);
                    WriteIfSet(json, "first_name", godwit.Name?.FirstName);
                    WriteIfSet(json, "middle_name", godwit.Name?.MiddleName);
                    WriteIfSet(json, "last_name", godwit.Name?.LastName);
                    json.WriteEndObject();
                    await json.FlushAsync(cancellationToken);
                    file.WriteByte((byte)'\n');
                    json.Reset();
                    exported++;
                }

                after = page.Count > 0 ? page[^1] : after;
            }
            while (page.Count == PageSize);
            await file.FlushAsync(cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
        var mapping = MappingPathFor(path);
        await File.WriteAllTextAsync(mapping, Mapping, cancellationToken);
        return new UnseenExportResult(path, mapping, exported, withoutAddress);
    }

    /// <summary>
    /// No verified flags: the application's data does not say whether an address was proven, so the
    /// imported addresses start unverified and the person proves theirs at the first login.
    /// </summary>
    private const string Mapping = """
        {
          "format": "jsonl",
          "legacy_id": "id",
          "email": "email",
          "phone_number": "phone_number",
          "first_name": "first_name",
          "middle_name": "middle_name",
          "last_name": "last_name"
        }

        """;

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(name, value.Trim());
        }
    }
}

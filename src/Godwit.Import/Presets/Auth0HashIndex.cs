using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Import.Reading;
using Microsoft.Win32.SafeHandles;

namespace Godwit.Import.Presets;

/// <summary>What the password hash export holds for one user.</summary>
internal sealed record Auth0Credentials(string? PasswordHash, IReadOnlyList<ImportedTotp> Totps);

/// <summary>
/// Finds a user's record in Auth0's password hash export (JSON Lines such as
/// <c>{"_id":{"$oid":"…"},"email":"…","passwordHash":"$2b$10$…"}</c>). The export can be as large as
/// the user export, so the index keeps only where each record starts, under a 128-bit digest of its
/// key (about 50 bytes a key), and a record is read again from the file when its user comes.
/// </summary>
internal sealed class Auth0HashIndex : IDisposable
{
    private readonly Dictionary<UInt128, Location> locations;
    private readonly SafeFileHandle file;
    private byte[] buffer = new byte[4096];

    private Auth0HashIndex(Dictionary<UInt128, Location> locations, SafeFileHandle file)
    {
        this.locations = locations;
        this.file = file;
    }

    public static async Task<Auth0HashIndex> BuildAsync(string path, CancellationToken cancellationToken)
    {
        var locations = new Dictionary<UInt128, Location>();
        try
        {
            await foreach (var record in JsonLinesReader.ReadAsync(path, cancellationToken))
            {
                var id = Oid(record);
                var email = record.Text("email")?.Trim();
                if (string.IsNullOrEmpty(id) && string.IsNullOrEmpty(email))
                {
                    throw new ImportFormatException(record.Line, "the record has neither _id nor email.");
                }

                var location = new Location(record.Offset, record.Line);
                Add(locations, IdKey(id), location);
                Add(locations, EmailKey(email), location);
            }
        }
        catch (ImportFormatException exception)
        {
            throw new ImportFormatException(exception.Line, $"in the hashes file {Path.GetFileName(path)}: {exception.Reason()}");
        }

        return new Auth0HashIndex(locations, File.OpenHandle(path));
    }

    /// <summary>
    /// The record whose <c>_id</c> ends the Auth0 user id (<c>auth0|&lt;oid&gt;</c>), else the one with
    /// the user's email; null when there is none. A key two records share is refused on
    /// <paramref name="fields"/>: taking either could give the user someone else's password.
    /// </summary>
    public Auth0Credentials? Find(string userId, string? email, FieldReader fields)
    {
        if (IdKey(userId[(userId.LastIndexOf('|') + 1)..]) is { } id && locations.TryGetValue(id, out var byId))
        {
            return Load(byId, $"user id {userId}", fields);
        }

        // Only database-connection users (auth0|…) have passwords. Joining a social user by email
        // would give them the password of another Auth0 account that happens to share the address.
        return userId.StartsWith("auth0|", StringComparison.Ordinal) && EmailKey(email) is { } key && locations.TryGetValue(key, out var byEmail)
            ? Load(byEmail, $"email {email}", fields)
            : null;
    }

    public void Dispose() => file.Dispose();

    private Auth0Credentials? Load(Location location, string key, FieldReader fields)
    {
        if (location.Offset < 0)
        {
            return fields.Fail<Auth0Credentials>(
                $"the hashes file has more than one record for {key} (line {location.Line} and later); none is taken.", ErrorCatalog.AmbiguousPasswordHash);
        }

        var record = new JsonRecord(location.Line, ReadAt(location));
        var totps = new List<ImportedTotp>();
        switch (record.Node("mfa_factors"))
        {
            case null:
                break;
            case JsonArray factors:
                foreach (var factor in factors)
                {
                    if (factor?["totp"]?["secret"] is JsonValue secret && secret.TryGetValue<string>(out var text) && text.Trim().Length > 0)
                    {
                        totps.Add(new ImportedTotp(text.Trim(), []));
                    }
                }

                break;
            default:
                fields.Fail($"mfa_factors on line {location.Line} of the hashes file is not an array.");
                break;
        }

        return new Auth0Credentials(record.Text("passwordHash")?.Trim() is { Length: > 0 } hash ? hash : null, totps);
    }

    private JsonObject ReadAt(Location location)
    {
        var length = 0;
        while (true)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(length), location.Offset + length);
            length += read;
            var newline = buffer.AsSpan(0, length).IndexOf((byte)'\n');
            if (newline >= 0 || read == 0)
            {
                // Indexed from this very line, so it parses as it did then.
                return JsonLinesReader.Parse(buffer.AsSpan(0, newline >= 0 ? newline : length), location.Line)!;
            }

            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    /// <summary>MongoDB's <c>{"$oid": "…"}</c>, or a plain string id.</summary>
    private static string? Oid(JsonRecord record) => record.Node("_id") switch
    {
        JsonObject id => id["$oid"] is JsonValue oid && oid.TryGetValue<string>(out var text) ? text.Trim() : null,
        JsonValue => record.Text("_id")?.Trim(),
        _ => null,
    };

    private static void Add(Dictionary<UInt128, Location> locations, UInt128? key, Location location)
    {
        if (key is { } k && !locations.TryAdd(k, location))
        {
            locations[k] = locations[k] with { Offset = -1 };
        }
    }

    private static UInt128? IdKey(string? id) => string.IsNullOrEmpty(id) ? null : Digest("id\0" + id);

    // Auth0 stores addresses in lower case, but the two files need not agree on case.
    private static UInt128? EmailKey(string? email) => string.IsNullOrEmpty(email) ? null : Digest("email\0" + email.ToUpperInvariant());

    // 128 bits of SHA-256: no two keys of one export collide, by chance or by an address chosen to.
    private static UInt128 Digest(string key) => BinaryPrimitives.ReadUInt128LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Where a record starts; an offset of -1 marks a key that more than one record has.</summary>
    private readonly record struct Location(long Offset, long Line);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets.Generic;

/// <summary>Any CSV, JSON Lines or JSON array export, read through a mapping file (docs/import.md, "Generic mapping").</summary>
internal sealed class GenericPreset(GenericMapping mapping) : IExportPreset
{
    public static PresetDefinition Definition { get; } = new(
        "generic",
        "Any CSV, JSON Lines or JSON array export, with a mapping file naming the column of each field.",
        [new PresetOption("mapping", true, "The mapping file (JSON), described in docs/import.md.")],
        options => new GenericPreset(GenericMapping.Load(options.OptionalFile("mapping")!)));

    public string Name => Definition.Name;

    public async IAsyncEnumerable<ImportRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (mapping.Format == GenericFormat.Csv)
        {
            var first = true;
            await foreach (var record in CsvReader.ReadAsync(path, cancellationToken))
            {
                if (first)
                {
                    CheckHeader(record);
                    first = false;
                }

                yield return Map(record);
            }

            yield break;
        }

        var records = mapping.Format == GenericFormat.Json
            ? JsonArrayReader.ReadAsync(path, mapping.ArrayProperty, cancellationToken)
            : JsonLinesReader.ReadAsync(path, cancellationToken);
        await foreach (var record in records)
        {
            yield return Map(record);
        }
    }

    /// <summary>A misspelt column would otherwise read as empty in every row, silently.</summary>
    private void CheckHeader(TextRecord record)
    {
        var missing = mapping.AllColumns.Where(column => !record.Has(column)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportFormatException(1, $"the mapping names {string.Join(", ", missing.Select(c => $"\"{c}\""))}, which the CSV header lacks.");
        }
    }

    private ImportRow Map(ExportRecord record)
    {
        var fields = new FieldReader(record);
        string? Text(string field) => mapping.Column(field) is { } column ? fields.Text(column) : null;
        bool Flag(string field) => mapping.Column(field) is { } column && fields.Flag(column);

        var legacyId = mapping.Column("legacy_id") is { } idColumn ? fields.Required(idColumn) : null;
        var (first, last) = (Text("first_name"), Text("last_name"));
        if (first is null && last is null)
        {
            (first, last) = FullName.Split(Text("name"));
        }

        return fields.Finish(new ImportUser(record.Line, legacyId, Text("email"), Flag("email_verified"), Text("phone_number"), Flag("phone_verified"))
        {
            FirstName = first,
            MiddleName = Text("middle_name"),
            LastName = last,
            TrustedMetadata = Metadata(record, mapping.TrustedMetadata),
            UntrustedMetadata = Metadata(record, mapping.UntrustedMetadata),
            // An empty cell is no account; a non-empty one is the person's id at that provider.
            OAuthIdentities = [.. mapping.Providers
                .Select(p => fields.Text(p.Value) is { } subject ? new ImportedOAuthIdentity(p.Key, subject) : null)
                .OfType<ImportedOAuthIdentity>()],
            CreatedAt = mapping.Column("created_at") is { } created ? CreatedAt(fields, created) : null,
            PasswordHash = Hash(fields),
        });
    }

    private DateTime? CreatedAt(FieldReader fields, string column) => mapping.CreatedAtFormat switch
    {
        TimeFormat.Unix => fields.UnixTime(column, milliseconds: false),
        TimeFormat.UnixMilliseconds => fields.UnixTime(column, milliseconds: true),
        _ => fields.Timestamp(column),
    };

    /// <summary>Copies the columns as they are: text from CSV, any JSON value from JSON. Empty and null values are left out.</summary>
    private static JsonObject? Metadata(ExportRecord record, IReadOnlyList<KeyValuePair<string, string>> columns)
    {
        JsonObject? metadata = null;
        foreach (var (key, column) in columns)
        {
            var value = record.Node(column);
            if (value is not null && !(value is JsonValue text && text.TryGetValue<string>(out var s) && s.Length == 0))
            {
                (metadata ??= [])[key] = value.DeepClone();
            }
        }

        return metadata;
    }

    private MigratedHashInput? Hash(FieldReader fields)
    {
        if (mapping.Column("password_hash") is not { } hashColumn || fields.Text(hashColumn) is not { } hash)
        {
            return null;
        }

        var type = mapping.HashType;
        if (type is null)
        {
            var typeColumn = mapping.Column("hash_type_column")!;
            type = fields.Text(typeColumn);
            if (type is null)
            {
                return fields.Fail<MigratedHashInput>($"{hashColumn} has a hash but {typeColumn} gives no hash type.");
            }
        }

        var configName = HashConfigs.For(type);
        if (configName is null)
        {
            return HashConfigs.Create(type, hash, null, null);
        }

        var config = mapping.HashConfig.TryGetValue(configName, out var constants) ? constants.DeepClone().AsObject() : [];
        foreach (var column in mapping.HashConfigColumns.Where(c => c.Config == configName))
        {
            if (fields.Text(column.Column) is not { } value)
            {
                continue;
            }

            if (!column.IsNumber)
            {
                config[column.Field] = value;
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                config[column.Field] = number;
            }
            else
            {
                fields.Fail($"{column.Column} ({column.Config}.{column.Field}) '{value}' is not a whole number.");
            }
        }

        return HashConfigs.Create(type, hash, configName, config);
    }
}

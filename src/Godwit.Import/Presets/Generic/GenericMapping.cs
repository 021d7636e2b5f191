using System.Text.Json;
using System.Text.Json.Nodes;
using Godwit.Core.Passwords.Hashing;
using Godwit.Import.Reading;

namespace Godwit.Import.Presets.Generic;

internal enum GenericFormat
{
    Csv,
    JsonLines,
    Json,
}

internal enum TimeFormat
{
    Iso,
    Unix,
    UnixMilliseconds,
}

/// <summary>A per-row value of a hash config field: <c>pbkdf_2_config.salt</c> from column <c>salt</c>.</summary>
internal sealed record HashConfigColumn(string Config, string Field, bool IsNumber, string Column);

/// <summary>
/// Which column of a CSV or JSON export holds which part of a user: the mapping file of the generic
/// preset, checked completely when it is loaded (docs/import.md, "Generic mapping").
/// </summary>
internal sealed record GenericMapping
{
    private static readonly string[] Keys =
    [
        "format", "array_property", "legacy_id", "email", "email_verified", "phone_number", "phone_verified",
        "first_name", "middle_name", "last_name", "name", "created_at", "created_at_format",
        "trusted_metadata", "untrusted_metadata", "password_hash", "hash_type", "hash_type_column", "hash_config", "hash_config_columns",
        "providers",
    ];

    public GenericFormat Format { get; init; }

    public string? ArrayProperty { get; init; }

    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    public TimeFormat CreatedAtFormat { get; init; }

    /// <summary>Metadata key → column.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TrustedMetadata { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> UntrustedMetadata { get; init; } = [];

    /// <summary>Provider (<c>google</c>, <c>Github</c>, a generic OIDC provider's name) → the column of the person's id there.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Providers { get; init; } = [];

    public string? HashType { get; init; }

    /// <summary>Constant config fields by config name, in the migrate request's shape.</summary>
    public IReadOnlyDictionary<string, JsonObject> HashConfig { get; init; } = new Dictionary<string, JsonObject>();

    public IReadOnlyList<HashConfigColumn> HashConfigColumns { get; init; } = [];

    /// <summary>The column a user field comes from (legacy_id, email, password_hash, hash_type_column…), if mapped.</summary>
    public string? Column(string field) => Columns.GetValueOrDefault(field);

    /// <summary>Every column the mapping reads, to check against a CSV header.</summary>
    public IEnumerable<string> AllColumns =>
        Columns.Values.Concat(TrustedMetadata.Select(m => m.Value)).Concat(UntrustedMetadata.Select(m => m.Value)).Concat(HashConfigColumns.Select(c => c.Column))
            .Concat(Providers.Select(p => p.Value)).Distinct();

    public static GenericMapping Load(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw Problem("the mapping file must hold one JSON object.");
        }
        catch (JsonException exception)
        {
            throw Problem($"the mapping file is not valid JSON: {JsonText.Describe(exception)}");
        }

        return Parse(root);
    }

    public static GenericMapping Parse(JsonObject root)
    {
        foreach (var key in root.Select(p => p.Key).Where(k => !Keys.Contains(k)))
        {
            throw Problem($"unknown key \"{key}\"; the keys are {string.Join(", ", Keys)}.");
        }

        var format = Text(root, "format") switch
        {
            "csv" => GenericFormat.Csv,
            "jsonl" => GenericFormat.JsonLines,
            "json" => GenericFormat.Json,
            var other => throw Problem($"\"format\" must be \"csv\", \"jsonl\" or \"json\"{(other is null ? "" : $", not \"{other}\"")}."),
        };
        var arrayProperty = Text(root, "array_property");
        if (arrayProperty is not null && format != GenericFormat.Json)
        {
            throw Problem("\"array_property\" applies to the \"json\" format only.");
        }

        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in (ReadOnlySpan<string>)["legacy_id", "email", "email_verified", "phone_number", "phone_verified", "first_name",
                     "middle_name", "last_name", "name", "created_at", "password_hash", "hash_type_column"])
        {
            if (Text(root, field) is { } column)
            {
                columns[field] = column;
            }
        }

        if (!columns.ContainsKey("email") && !columns.ContainsKey("phone_number"))
        {
            throw Problem("map \"email\" or \"phone_number\" (or both): every user needs one.");
        }

        var mapping = new GenericMapping
        {
            Format = format,
            ArrayProperty = arrayProperty,
            Columns = columns,
            CreatedAtFormat = Text(root, "created_at_format") switch
            {
                null or "iso" => TimeFormat.Iso,
                "unix" => TimeFormat.Unix,
                "unix_ms" => TimeFormat.UnixMilliseconds,
                var other => throw Problem($"\"created_at_format\" must be \"iso\", \"unix\" or \"unix_ms\", not \"{other}\"."),
            },
            TrustedMetadata = ReadMetadata(root, "trusted_metadata"),
            UntrustedMetadata = ReadMetadata(root, "untrusted_metadata"),
            Providers = ReadProviders(root),
            HashType = Text(root, "hash_type"),
            HashConfig = ReadHashConfig(root),
            HashConfigColumns = ReadHashConfigColumns(root),
        };
        mapping.CheckHash();
        return mapping;
    }

    private void CheckHash()
    {
        var hashed = Columns.ContainsKey("password_hash");
        var typeColumn = Columns.ContainsKey("hash_type_column");
        var configs = HashConfig.Keys.Concat(HashConfigColumns.Select(c => c.Config)).Distinct().ToList();
        if (!hashed)
        {
            if (HashType is not null || typeColumn || configs.Count > 0)
            {
                throw Problem("\"hash_type\", \"hash_type_column\" and the hash configs need \"password_hash\".");
            }

            return;
        }

        if ((HashType is null) == !typeColumn)
        {
            throw Problem("with \"password_hash\", give either \"hash_type\" (one type for every row) or \"hash_type_column\", not both.");
        }

        if (HashType is null)
        {
            return;
        }

        if (!PasswordHashParser.HashTypeConfigs.TryGetValue(HashType, out var wanted))
        {
            throw Problem($"\"hash_type\" \"{HashType}\" is not supported; use one of {string.Join(", ", PasswordHashParser.HashTypeConfigs.Keys)}.");
        }

        foreach (var config in configs.Where(c => c != wanted))
        {
            throw Problem(wanted is null
                ? $"hash_type {HashType} takes no config, but the mapping gives {config}."
                : $"hash_type {HashType} takes {wanted}, not {config}.");
        }
    }

    private static Dictionary<string, JsonObject> ReadHashConfig(JsonObject root)
    {
        var configs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        switch (root["hash_config"])
        {
            case null:
                return configs;
            case JsonObject given:
                foreach (var (name, node) in given)
                {
                    var fields = ConfigFields(name, "hash_config");
                    if (node is not JsonObject values)
                    {
                        throw Problem($"\"hash_config\".{name} must be an object.");
                    }

                    var config = new JsonObject();
                    foreach (var (field, value) in values)
                    {
                        config[field] = Constant(name, field, fields, value);
                    }

                    configs[name] = config;
                }

                return configs;
            default:
                throw Problem("\"hash_config\" must be an object such as {\"pbkdf_2_config\": {\"iteration_amount\": 10000}}.");
        }
    }

    private static JsonNode Constant(string config, string field, IReadOnlyDictionary<string, bool> fields, JsonNode? value)
    {
        if (!fields.TryGetValue(field, out var number))
        {
            throw Problem($"{config} has no field \"{field}\"; it has {string.Join(", ", fields.Keys)}.");
        }

        if (number)
        {
            return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n)
                ? JsonValue.Create(n)
                : throw Problem($"{config}.{field} must be a whole number.");
        }

        return value is JsonValue s && s.GetValueKind() == JsonValueKind.String
            ? JsonValue.Create(s.GetValue<string>())
            : throw Problem($"{config}.{field} must be a string.");
    }

    private static List<HashConfigColumn> ReadHashConfigColumns(JsonObject root)
    {
        var columns = new List<HashConfigColumn>();
        if (root["hash_config_columns"] is null)
        {
            return columns;
        }

        if (root["hash_config_columns"] is not JsonObject given)
        {
            throw Problem("\"hash_config_columns\" must be an object such as {\"pbkdf_2_config.salt\": \"salt_column\"}.");
        }

        foreach (var (path, column) in given)
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                throw Problem($"\"hash_config_columns\" key \"{path}\" must be <config>.<field>, such as pbkdf_2_config.salt.");
            }

            var (config, field) = (path[..dot], path[(dot + 1)..]);
            var fields = ConfigFields(config, "hash_config_columns");
            if (!fields.TryGetValue(field, out var number))
            {
                throw Problem($"{config} has no field \"{field}\"; it has {string.Join(", ", fields.Keys)}.");
            }

            columns.Add(new HashConfigColumn(config, field, number, ColumnName(column, $"hash_config_columns.{path}")));
        }

        return columns;
    }

    private static IReadOnlyDictionary<string, bool> ConfigFields(string config, string key) =>
        HashConfigs.Fields.TryGetValue(config, out var fields)
            ? fields
            : throw Problem($"\"{key}\" names {config}, which is not a config of the migrate request; use one of {string.Join(", ", HashConfigs.Fields.Keys)}.");

    /// <summary>A list of columns, each copied under its own name, or an object of metadata key → column.</summary>
    private static List<KeyValuePair<string, string>> ReadMetadata(JsonObject root, string key) => root[key] switch
    {
        null => [],
        JsonArray list => [.. list.Select((c, i) => ColumnName(c, $"{key}[{i}]")).Select(c => KeyValuePair.Create(c, c))],
        JsonObject map => [.. map.Select(p => KeyValuePair.Create(p.Key, ColumnName(p.Value, $"{key}.{p.Key}")))],
        _ => throw Problem($"\"{key}\" must be a list of columns or an object of metadata key → column."),
    };

    /// <summary><c>{"google": "google_sub"}</c>: each provider once, whatever case it is written in.</summary>
    private static List<KeyValuePair<string, string>> ReadProviders(JsonObject root)
    {
        if (root["providers"] is null)
        {
            return [];
        }

        if (root["providers"] is not JsonObject given)
        {
            throw Problem("\"providers\" must be an object of provider → column, such as {\"google\": \"google_sub\"}.");
        }

        var providers = new List<KeyValuePair<string, string>>();
        foreach (var (provider, column) in given)
        {
            var type = ImportedOAuthIdentities.ProviderTypeOf(provider);
            if (provider.Length is 0 or > ImportedOAuthIdentities.MaxProviderTypeLength || provider.Any(char.IsWhiteSpace))
            {
                throw Problem($"\"providers\" key \"{provider}\" must be a provider name of 1 to {ImportedOAuthIdentities.MaxProviderTypeLength} characters without spaces.");
            }

            if (providers.Any(p => p.Key == type))
            {
                throw Problem($"\"providers\" names {type} twice.");
            }

            providers.Add(KeyValuePair.Create(type, ColumnName(column, $"providers.{provider}")));
        }

        return providers;
    }

    private static string? Text(JsonObject root, string key) => root[key] is null ? null : ColumnName(root[key], key);

    private static string ColumnName(JsonNode? node, string key) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0
            ? value.GetValue<string>()
            : throw Problem($"\"{key}\" must be a non-empty string.");

    private static PresetOptionsException Problem(string message) => new($"Option 'mapping': {message}");
}

using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Godwit.Contracts;

namespace Godwit.Server.Tests.BadInput;

/// <summary>The JSON type a field takes; <see cref="Any"/> for fields that take several.</summary>
internal enum FieldKind
{
    String,
    Integer,
    Boolean,
    Object,
    Array,
    Any,
}

/// <summary>A request field, top-level (<c>email</c>) or nested (<c>name.first_name</c>), and its type.</summary>
internal sealed record SweptField(IReadOnlyList<string> Path, FieldKind Kind)
{
    public string Name => string.Join('.', Path);

    /// <summary>
    /// A body of <paramref name="others"/> (top-level fields and their JSON) and this field set to
    /// <paramref name="value"/>, JSON bytes that may be malformed on purpose.
    /// </summary>
    public byte[] BodyWith(byte[] value, IReadOnlyDictionary<string, string>? others = null)
    {
        var rest = (others ?? new Dictionary<string, string>())
            .Where(other => other.Key != Path[0])
            .Select(other => $"{JsonSerializer.Serialize(other.Key)}:{other.Value},");
        var open = string.Concat(rest) + string.Join("", Path.Select(name => $"{JsonSerializer.Serialize(name)}:{{")).TrimEnd('{');
        return [.. Encoding.UTF8.GetBytes("{" + open), .. value, .. Encoding.UTF8.GetBytes(new string('}', Path.Count))];
    }

    /// <summary>
    /// Every field of every request record in Godwit.Contracts (read through the source-generated
    /// context, so a field added there is swept too), and the fields the server reads that no
    /// record describes yet.
    /// </summary>
    public static IReadOnlyList<SweptField> All() => typeof(GodwitJsonContext).Assembly.GetTypes()
        .Where(type => type.Name.EndsWith("Request", StringComparison.Ordinal) && !type.IsAbstract)
        .Select(type => GodwitJsonContext.Default.GetTypeInfo(type))
        .OfType<JsonTypeInfo>()
        .SelectMany(info => Fields([], info, depth: 0))
        .Concat(WithoutRecords)
        // A name two requests use with different types (a person's name object, a passkey's name
        // string) takes both types' values.
        .GroupBy(field => field.Name)
        .Select(same => same.Select(field => field.Kind).Distinct().Count() == 1 ? same.First() : same.First() with { Kind = FieldKind.Any })
        .OrderBy(field => field.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>Fields the server reads that Godwit.Contracts has no request record for.</summary>
    private static readonly SweptField[] WithoutRecords =
    [
        .. Strings("locale", "login_template_id", "signup_template_id", "invite_template_id", "reset_password_template_id", "telemetry_id",
            "invite_magic_link_url", "reset_password_redirect_url", "login_redirect_url", "existing_password", "new_password", "password",
            "domain", "user_agent", "authenticator_type", "override_id", "override_name", "override_display_name",
            "public_key", "signature", "biometric_registration_id", "totp_code", "recovery_code", "session_id", "name.middle_name",
            // A passkey's name, where Create User's name is an object.
            "name"),
        new(["invite_expiration_minutes"], FieldKind.Integer),
        new(["reset_password_expiration_minutes"], FieldKind.Integer),
        new(["expiration_minutes"], FieldKind.Integer),
        new(["return_passkey_credential_options"], FieldKind.Boolean),
        new(["use_base64_url_encoding"], FieldKind.Boolean),
        new(["upsert"], FieldKind.Boolean),
        new(["attributes"], FieldKind.Object),
        new(["options"], FieldKind.Object),
        new(["sha_256_config"], FieldKind.Object),
        new(["hmac_config"], FieldKind.Object),
        new(["hmac_config", "key"], FieldKind.String),
        new(["users"], FieldKind.Array),
        new(["emails"], FieldKind.Array),
        new(["phone_numbers"], FieldKind.Array),
        new(["public_key_credential"], FieldKind.Any),
    ];

    private static IEnumerable<SweptField> Strings(params string[] names) =>
        names.Select(name => new SweptField(name.Split('.'), FieldKind.String));

    private static IEnumerable<SweptField> Fields(IReadOnlyList<string> parent, JsonTypeInfo info, int depth)
    {
        foreach (var property in info.Properties.Where(p => !p.IsExtensionData))
        {
            var path = parent.Append(property.Name).ToList();
            var kind = KindOf(property.PropertyType);
            yield return new SweptField(path, kind);
            if (kind == FieldKind.Object && depth < 2 && GodwitJsonContext.Default.GetTypeInfo(property.PropertyType) is { Kind: JsonTypeInfoKind.Object } nested)
            {
                foreach (var field in Fields(path, nested, depth + 1))
                {
                    yield return field;
                }
            }
        }
    }

    private static readonly Dictionary<Type, FieldKind> Scalars = new()
    {
        [typeof(string)] = FieldKind.String,
        [typeof(int)] = FieldKind.Integer,
        [typeof(long)] = FieldKind.Integer,
        [typeof(bool)] = FieldKind.Boolean,
        [typeof(JsonNode)] = FieldKind.Any,
        [typeof(JsonElement)] = FieldKind.Any,
    };

    private static FieldKind KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalars.TryGetValue(type, out var kind))
        {
            return kind;
        }

        // JsonObject is enumerable too, but an object on the wire.
        return type != typeof(JsonObject) && typeof(IEnumerable).IsAssignableFrom(type) ? FieldKind.Array : FieldKind.Object;
    }
}

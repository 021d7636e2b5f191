using System.Text;

namespace Godwit.Server.Tests.BadInput;

/// <summary>A JSON value the sweep puts in a field, named for the report.</summary>
internal sealed record HostileValue(string Name, byte[] Json)
{
    public static HostileValue Text(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));

    public static HostileValue Raw(string name, string before, byte[] raw, string after) =>
        new(name, [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)]);
}

/// <summary>The values a field of each kind must refuse, or survive: the wrong type, null, and hostile strings and numbers.</summary>
internal static class HostileValues
{
    /// <summary>Hundreds of kilobytes, well inside the 1 MiB body limit, so the field itself is what is judged.</summary>
    public const int HugeLength = 300 * 1024;

    /// <summary>A value of each JSON type, and the kind of field it suits (a fraction suits none).</summary>
    private static readonly (FieldKind? Suits, HostileValue Value)[] Typed =
    [
        (FieldKind.Integer, HostileValue.Text("number", "42")),
        (null, HostileValue.Text("fraction", "2.5")),
        (FieldKind.String, HostileValue.Text("string", "\"text\"")),
        (FieldKind.String, HostileValue.Text("numeric string", "\"5\"")),
        (FieldKind.Boolean, HostileValue.Text("boolean", "true")),
        (FieldKind.Array, HostileValue.Text("array", "[1]")),
        (FieldKind.Object, HostileValue.Text("object", "{\"a\": 1}")),
    ];

    public static IEnumerable<HostileValue> For(FieldKind kind)
    {
        foreach (var (suits, value) in Typed)
        {
            if (suits != kind || kind == FieldKind.Any)
            {
                yield return value;
            }
        }

        yield return HostileValue.Text("null", "null");
        if (kind is FieldKind.Integer or FieldKind.Any)
        {
            foreach (var number in Numbers())
            {
                yield return number;
            }
        }

        if (kind is FieldKind.String or FieldKind.Any)
        {
            foreach (var text in Strings())
            {
                yield return text;
            }
        }

        if (kind is FieldKind.Object or FieldKind.Any)
        {
            foreach (var inner in Nested())
            {
                yield return new HostileValue($"object holding {inner.Name}", [.. "{\"k\": "u8, .. inner.Json, .. "}"u8]);
            }

            yield return HostileValue.Text("object with a lone surrogate key", "{\"\\ud800\": 1}");
        }

        if (kind is FieldKind.Array or FieldKind.Any)
        {
            yield return HostileValue.Text("array of null", "[null]");
            foreach (var inner in Nested())
            {
                yield return new HostileValue($"array of {inner.Name}", [.. "["u8, .. inner.Json, .. "]"u8]);
            }
        }
    }

    /// <summary>The hostile values worth repeating inside objects and arrays (the text checks walk the whole body).</summary>
    private static IEnumerable<HostileValue> Nested() =>
        Strings().Where(text => text.Name is "NUL" or "lone high surrogate" or "invalid UTF-8" or "huge")
            .Concat(Numbers().Where(number => number.Name is "1e400"));

    private static IEnumerable<HostileValue> Numbers()
    {
        yield return HostileValue.Text("1e400", "1e400");
        yield return HostileValue.Text("2^64", "18446744073709551616");
        yield return HostileValue.Text("below long", "-9223372036854775809");
        yield return HostileValue.Text("2^31", "2147483648");
        yield return HostileValue.Text("1e-400", "1e-400");
        yield return HostileValue.Text("exponent form", "1E+2");
        yield return HostileValue.Text("negative", "-1");
    }

    private static IEnumerable<HostileValue> Strings()
    {
        yield return HostileValue.Text("empty string", "\"\"");
        yield return HostileValue.Text("NUL", "\"a\\u0000b\"");
        yield return HostileValue.Text("control characters", "\"\\u0001\\u001f\\u007f\\u0085\\u2028\\u202e\"");
        yield return HostileValue.Text("lone high surrogate", "\"\\ud800\"");
        yield return HostileValue.Text("lone low surrogate", "\"x\\udc00y\"");
        yield return HostileValue.Raw("invalid UTF-8", "\"", [0xFF, 0xFE, 0x41], "\"");
        yield return HostileValue.Raw("UTF-8 encoded surrogate", "\"", [0xED, 0xB2, 0x80], "\"");
        yield return HostileValue.Text("huge", "\"" + new string('a', HugeLength) + "\"");
    }
}

using System.Text;

namespace Godwit.Server.Tests.BadInput;

/// <summary>A request body the sweep sends, named for the report.</summary>
internal sealed record HostileBody(string Name, byte[] Bytes)
{
    /// <summary>
    /// Whether the server may close the connection instead of answering: a body over the limit on
    /// a route that answers without reading it (the JWKS, health), which the client then cannot finish
    /// uploading. RFC 9110 allows that; a route that reads its body answers 413.
    /// </summary>
    public bool MayCloseConnection { get; init; }

    public static HostileBody Text(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));

    /// <summary>JSON text around raw bytes that are not UTF-8 (or not allowed in JSON), which no .NET string can hold.</summary>
    public static HostileBody Raw(string name, string before, byte[] raw, string after) =>
        new(name, [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)]);
}

/// <summary>
/// Bodies that are wrong whatever the endpoint: not JSON, not an object, not UTF-8, nested too
/// deep, with a key twice, or too large. None of them is an empty object in disguise, so an
/// endpoint that accepted one (a delete, say) would show in the row counts.
/// </summary>
internal static class MalformedBodies
{
    public const int Depth = 10_000;

    public static IEnumerable<HostileBody> All()
    {
        yield return HostileBody.Text("truncated", """{"email": """);
        yield return HostileBody.Text("trailing comma", """{"email": "a@example.com",}""");
        yield return HostileBody.Text("single quotes", "{'email': 'a@example.com'}");
        yield return HostileBody.Text("unquoted key", "{email: 1}");
        yield return HostileBody.Text("two documents", """{"a": 1} {"b": 2}""");
        yield return HostileBody.Text("trailing garbage", """{"a": 1}x""");
        yield return HostileBody.Text("comment", """/* note */ {"a": 1}""");
        yield return HostileBody.Text("NaN", """{"a": NaN}""");
        yield return HostileBody.Text("Infinity", """{"a": -Infinity}""");
        yield return HostileBody.Text("leading zero", """{"a": 01}""");
        yield return HostileBody.Text("bad escape", """{"a": "\x41"}""");
        yield return HostileBody.Text("truncated unicode escape", """{"a": "\u12"}""");
        yield return HostileBody.Text("raw line break in a string", "{\"a\": \"line\nbreak\"}");
        yield return HostileBody.Text("raw NUL in a string", "{\"a\": \"nul\0here\"}");
        yield return HostileBody.Text("raw NUL outside a string", "{\"a\": 1}\0");
        foreach (var root in new[] { "[]", "[{}]", "\"text\"", "5", "1e400", "null", "true" })
        {
            yield return HostileBody.Text($"root {root}", root);
        }

        yield return HostileBody.Raw("invalid UTF-8 in a string", "{\"email\": \"", [0xFF, 0xFE], "\"}");
        yield return HostileBody.Raw("invalid UTF-8 in a key", "{\"", [0xC3, 0x28], "\": 1}");
        yield return HostileBody.Raw("overlong UTF-8 solidus", "{\"email\": \"", [0xC0, 0xAF], "\"}");
        yield return HostileBody.Raw("UTF-8 encoded surrogate", "{\"email\": \"", [0xED, 0xA0, 0x80], "\"}");
        yield return HostileBody.Raw("truncated UTF-8 sequence", "{\"email\": \"", [0xE2, 0x82], "\"}");
        yield return HostileBody.Raw("invalid UTF-8 outside a string", "{\"a\": 1", [0xFF], "}");
        yield return HostileBody.Text("lone surrogate escape in a key", """{"\ud800": 1}""");
        yield return HostileBody.Text("nested arrays", new string('[', Depth) + new string(']', Depth));
        yield return HostileBody.Text("nested objects", string.Concat(Enumerable.Repeat("{\"a\":", Depth)) + "1" + new string('}', Depth));
        yield return HostileBody.Text("nested objects under a known field", "{\"trusted_metadata\":" + string.Concat(Enumerable.Repeat("{\"a\":", Depth)) + "1" + new string('}', Depth + 1));
        yield return HostileBody.Text("nested arrays under a known field", "{\"users\":" + new string('[', Depth) + new string(']', Depth) + "}");
        yield return HostileBody.Text("unclosed nesting", new string('[', Depth));
        // Accepting duplicates invites a parser differential: a proxy that checks the first value
        // while Godwit acts on the last. Both values are valid, so an endpoint that took them would act.
        yield return HostileBody.Text("duplicate key", """{"email": "twice@example.com", "email": "twice@example.com"}""");
        yield return HostileBody.Text("duplicate key, different values", """{"user_id": "user-live-00000000-0000-4000-8000-000000000000", "user_id": 1}""");
        yield return HostileBody.Text("duplicate nested key", """{"name": {"first_name": "a", "first_name": "b"}}""");
        yield return HostileBody.Text("over one mebibyte", "{\"a\": \"" + new string('a', 1024 * 1024) + "\"}") with { MayCloseConnection = true };
    }
}

namespace Godwit.Server.Tests.BadInput;

/// <summary>Text for route parameters and query strings, already percent-encoded as it goes on the wire.</summary>
internal static class GarbageText
{
    /// <summary>
    /// Kestrel answers a NUL in the path itself, with a bare 400, before any middleware runs: Godwit
    /// cannot shape that answer, and the request never reaches an endpoint that could write.
    /// </summary>
    public static bool RefusedByKestrel(string path, SweepAnswer answer) =>
        answer is { Status: 400, Body: "" } && path.Split('?')[0].Contains("%00", StringComparison.Ordinal);

    /// <summary>Route parameter values: NUL, bytes that are not UTF-8, separators, traversal, control and bidi characters, a long one.</summary>
    public static IEnumerable<(string Name, string Encoded)> Segments()
    {
        yield return ("NUL", "%00");
        yield return ("NUL inside an id", "user-live-%00");
        yield return ("invalid UTF-8", "%FF%FE");
        yield return ("UTF-8 encoded surrogate", "%ED%A0%80");
        yield return ("overlong UTF-8 solidus", "%C0%AF");
        yield return ("encoded slash", "a%2Fb");
        yield return ("encoded backslash", "a%5Cb");
        yield return ("traversal", "..%2F..%2Fetc%2Fpasswd");
        yield return ("CRLF", "a%0D%0AX-Injected:%201");
        yield return ("right-to-left override", "%E2%80%AEdi-resu");
        yield return ("emoji", "%F0%9F%90%A6");
        yield return ("percent", "%25");
        yield return ("space", "%20");
        yield return ("SQL", "'%20OR%201=1--");
        yield return ("long", new string('a', 4000));
    }

    /// <summary>Query strings (with their leading <c>?</c>), aimed at the parameters GET and DELETE endpoints read.</summary>
    public static IEnumerable<(string Name, string Encoded)> Queries()
    {
        foreach (var (name, encoded) in Segments())
        {
            yield return ($"user_id {name}", $"?user_id={encoded}");
        }

        yield return ("user_id twice", "?user_id=a&user_id=b");
        yield return ("user_id without a value", "?user_id");
        yield return ("user_id as an array", "?user_id[]=x&user_id[0]=y");
        yield return ("empty pairs", "?=&&=&");
        yield return ("NUL name", "?%00=%00");
        yield return ("invalid UTF-8 name", "?%FF=1");
        yield return ("huge number", "?limit=1e400&cursor=%FF");
    }
}

using System.Text.Json;
using Godwit.Core.Errors;

namespace Godwit.Server.Http;

/// <summary>
/// Text that every part of Godwit can decode and every database can store. The JSON parser checks
/// neither the UTF-8 inside strings nor that the surrogates of \u escapes pair up, so a handler
/// decoding such a field later threw, and answered 500. PostgreSQL's text cannot hold U+0000,
/// where SQLite's can, so a NUL answered 500 on one database only. Both are refused where the
/// request comes in, the same on every database.
/// </summary>
internal static class StorableText
{
    public static readonly ApiError NotUnicode = ErrorCatalog.InvalidJson.WithMessage(
        "The request body is not valid JSON: a key or string is not valid Unicode (invalid UTF-8, or a lone UTF-16 surrogate escape such as \\ud800).");

    public static readonly ApiError HoldsNul = ErrorCatalog.BadRequest.WithMessage(
        "A key or string in the request body holds the NUL character (U+0000), which Godwit does not accept.");

    /// <summary>The first reason a key or string of <paramref name="element"/> is refused, or null when all are text Godwit accepts.</summary>
    public static ApiError? ProblemIn(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject().Select(property => ProblemIn(property.Name) ?? ProblemIn(property.Value)).FirstOrDefault(problem => problem is not null),
                JsonValueKind.Array => element.EnumerateArray().Select(ProblemIn).FirstOrDefault(problem => problem is not null),
                JsonValueKind.String => ProblemIn(element.GetString()!),
                _ => null,
            };
        }
        catch (InvalidOperationException)
        {
            // GetString and Name throw this for bytes or escapes that do not decode to text.
            return NotUnicode;
        }
    }

    public static ApiError? ProblemIn(string text) => text.Contains('\0', StringComparison.Ordinal) ? HoldsNul : null;
}

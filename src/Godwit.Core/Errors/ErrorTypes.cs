using System.Reflection;

namespace Godwit.Core.Errors;

/// <summary>
/// One <c>error_type</c> of <see cref="ErrorCatalog"/>: every status it travels with and every
/// message the catalog gives it, first declared first.
/// </summary>
public sealed record ErrorTypeEntry(string ErrorType, IReadOnlyList<int> StatusCodes, IReadOnlyList<string> Messages);

/// <summary>
/// The catalog's error types, read from its fields: the error reference Godwit serves and the table
/// in docs/api.md both come from here, so neither keeps a list of its own that could drift.
/// </summary>
public static class ErrorTypes
{
    private static readonly Lazy<IReadOnlyList<ErrorTypeEntry>> Entries = new(Read);

    /// <summary>Every error type of the catalog, in ordinal order of <c>error_type</c>.</summary>
    public static IReadOnlyList<ErrorTypeEntry> All => Entries.Value;

    private static IReadOnlyList<ErrorTypeEntry> Read() =>
        typeof(ErrorCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(ApiError))
            .OrderBy(field => field.MetadataToken)
            .Select(field => (ApiError)field.GetValue(null)!)
            .GroupBy(error => error.ErrorType, StringComparer.Ordinal)
            .OrderBy(type => type.Key, StringComparer.Ordinal)
            .Select(type => new ErrorTypeEntry(
                type.Key,
                [.. type.Select(error => error.StatusCode).Distinct().Order()],
                [.. type.Select(error => error.Message).Distinct(StringComparer.Ordinal)]))
            .ToList();
}

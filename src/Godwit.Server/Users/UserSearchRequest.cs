using System.Globalization;
using System.Text;
using System.Text.Json;
using Godwit.Contracts;
using Godwit.Contracts.Users;
using Godwit.Core.Errors;
using Godwit.Core.Users;
using Godwit.Server.Http;

namespace Godwit.Server.Users;

/// <summary>Reads Stytch's users-search body: a cursor, a limit and an AND/OR query of filters.</summary>
internal static class UserSearchRequest
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const int MaxFilterValues = 1000;

    public static (UserFilter? Filter, UserSearchCursor? Cursor, int Limit) Read(SearchUsersRequest body)
    {
        var limit = body.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            throw new RequestRejectedException(ErrorCatalog.InvalidSearchLimit);
        }

        var cursor = body.Cursor is { Length: > 0 } text ? DecodeCursor(text) : null;
        var filter = body.Query is { } query ? ReadQuery(query) : null;
        return (filter, cursor, limit);
    }

    public static string EncodeCursor(UserSearchCursor cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cursor.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}|{cursor.UserId}"));

    private static UserSearchCursor DecodeCursor(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(text)).Split('|');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && PrefixedId.IsValid(PrefixedId.User, parts[1]))
            {
                return new UserSearchCursor(new DateTime(ticks, DateTimeKind.Utc), parts[1]);
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw new RequestRejectedException(ErrorCatalog.InvalidSearchCursor);
    }

    /// <summary>The query's shape is checked as it is bound; what is left is the operator's and each filter's value.</summary>
    private static UserFilter ReadQuery(SearchQueryWire query)
    {
        if (query.Operator is not ("AND" or "OR"))
        {
            throw new RequestRejectedException(WireErrors.For("query.operator"));
        }

        // Bound from JSON, where either may be absent.
        var operands = (query.Operands ?? []).Select(ReadOperand).ToList();
        return query.Operator == "AND" ? new UserFilter.All(operands) : new UserFilter.Any(operands);
    }

    private static UserFilter ReadOperand(SearchOperandWire operand)
    {
        var name = operand.FilterName ?? throw new RequestRejectedException(WireErrors.For("query.operands[]"));
        if (operand.FilterValue is not { } node)
        {
            throw new RequestRejectedException(ErrorCatalog.InvalidSearchFilterValue.WithMessage($"Operand {name} needs a filter_value."));
        }

        var value = JsonSerializer.SerializeToElement(node, GodwitJsonContext.Default.JsonNode);
        return name switch
        {
            "user_id" => new UserFilter.UserIdIn(Strings(name, value)),
            "email_address" => new UserFilter.EmailIn(Strings(name, value).Select(e => EmailAddress.TryNormalize(e, out var n) ? n : e.ToLowerInvariant()).ToList()),
            "email_id" => new UserFilter.EmailIdIn(Strings(name, value)),
            "email_address_fuzzy" => new UserFilter.EmailContains(Fragment(name, value).ToLowerInvariant()),
            "email_verified" => new UserFilter.EmailVerified(Bool(name, value)),
            "phone_number" => new UserFilter.PhoneIn(Strings(name, value).Select(p => PhoneNumber.TryNormalize(p, out var n) ? n : p).ToList()),
            "phone_id" => new UserFilter.PhoneIdIn(Strings(name, value)),
            "phone_number_fuzzy" => new UserFilter.PhoneContains(Fragment(name, value).TrimStart('+')),
            "phone_verified" => new UserFilter.PhoneVerified(Bool(name, value)),
            "full_name_fuzzy" => new UserFilter.FullNameContains(Fragment(name, value).ToLowerInvariant()),
            "status" => new UserFilter.StatusIs(String(name, value) switch
            {
                "active" => UserStatus.Active,
                "pending" => UserStatus.Pending,
                _ => throw new RequestRejectedException(ErrorCatalog.InvalidSearchFilterValue.WithMessage("status must be \"active\" or \"pending\".")),
            }),
            "created_at_greater_than" => new UserFilter.CreatedAfter(Timestamp(name, value)),
            "created_at_less_than" => new UserFilter.CreatedBefore(Timestamp(name, value)),
            "created_at_between" => Between(name, value),
            _ => throw new RequestRejectedException(ErrorCatalog.UnknownSearchFilter.WithMessage($"The search filter_name {name} is not recognized.")),
        };
    }

    private static UserFilter Between(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("greater_than", out var after)
            || !value.TryGetProperty("less_than", out var before))
        {
            throw WrongValue(name, "an object with greater_than and less_than");
        }

        return new UserFilter.All([new UserFilter.CreatedAfter(Timestamp(name, after)), new UserFilter.CreatedBefore(Timestamp(name, before))]);
    }

    private static List<string> Strings(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxFilterValues || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw WrongValue(name, $"an array of at most {MaxFilterValues} strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static string String(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongValue(name, "a string");

    /// <summary>Fuzzy filters need a few characters, or they would scan and match everything.</summary>
    private static string Fragment(string name, JsonElement value)
    {
        var fragment = String(name, value).Trim();
        return fragment.Length >= 3 ? fragment : throw WrongValue(name, "a string of at least 3 characters");
    }

    private static bool Bool(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongValue(name, "a boolean"),
    };

    private static DateTime Timestamp(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.UtcDateTime
            : throw WrongValue(name, "an RFC 3339 timestamp");

    private static RequestRejectedException WrongValue(string name, string expected) =>
        new(ErrorCatalog.InvalidSearchFilterValue.WithMessage($"filter_value of {name} must be {expected}."));
}

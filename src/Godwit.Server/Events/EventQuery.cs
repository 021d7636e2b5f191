using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.Events;
using Godwit.Core.Users;
using Godwit.Server.Http;
using Microsoft.Extensions.Primitives;

namespace Godwit.Server.Events;

/// <summary>
/// Reads <c>GET /v1/events</c>'s query string. Every parameter is checked, an unknown one too: a
/// misspelt filter (<c>type=</c>) would otherwise widen the answer to every event.
/// </summary>
internal static class EventQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private static readonly string[] Known = ["user_id", "types", "since", "until", "limit", "cursor"];

    public static (EventFilter Filter, EventCursor? Cursor, int Limit) Read(IQueryCollection query)
    {
        if (query.Any(pair => !Known.Contains(pair.Key, StringComparer.Ordinal) || pair.Value.Count > 1))
        {
            throw new RequestRejectedException(ErrorCatalog.InvalidEventQueryParameter);
        }

        var userId = One(query, "user_id");
        if (userId is not null && !PrefixedId.IsValid(PrefixedId.User, userId))
        {
            throw new RequestRejectedException(ErrorCatalog.InvalidUserId);
        }

        var filter = new EventFilter(userId, Types(One(query, "types")), Time(One(query, "since")), Time(One(query, "until")));
        var cursor = One(query, "cursor") is { } text ? DecodeCursor(text) : (EventCursor?)null;
        return (filter, cursor, Limit(One(query, "limit")));
    }

    /// <summary>Opaque to callers: base64url of the last event's time (ticks) and id.</summary>
    public static string EncodeCursor(EventCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{cursor.OccurredAt.Ticks.ToString(CultureInfo.InvariantCulture)}|{cursor.EventId}"));

    private static string? One(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) ? values.ToString() : null;

    private static List<string>? Types(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var types = text.Split(',', StringSplitOptions.TrimEntries);
        if (types.Length > EventTypes.All.Count || types.Any(type => !EventTypes.All.Contains(type)))
        {
            throw new RequestRejectedException(ErrorCatalog.InvalidEventType);
        }

        return [.. types.Distinct(StringComparer.Ordinal)];
    }

    private static DateTime? Time(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // RFC 3339 demands an offset; a time without one would be read in the server's zone.
        if (text.Length is < 20 or > 40
            || !(text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            throw new RequestRejectedException(ErrorCatalog.InvalidEventTime);
        }

        return parsed.UtcDateTime;
    }

    private static int Limit(string? text)
    {
        if (text is null)
        {
            return DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new RequestRejectedException(ErrorCatalog.InvalidEventLimit);
    }

    private static EventCursor DecodeCursor(string text)
    {
        if (text.Length <= 200 && Base64Url.IsValid(text))
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTime.MaxValue.Ticks
                && PrefixedId.IsValid(EventLog.IdPrefix, parts[1]))
            {
                return new EventCursor(new DateTime(ticks, DateTimeKind.Utc), parts[1]);
            }
        }

        throw new RequestRejectedException(ErrorCatalog.InvalidEventCursor);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Godwit.Core.Events;

namespace Godwit.Core.Users;

/// <summary>The payloads of the identity events, in one place so that every path records the same keys.</summary>
public static class UserEvents
{
    /// <summary>
    /// <c>user.created</c>, with the path that created the user (<c>api</c>, <c>login_or_create</c>,
    /// <c>password</c>, <c>password_migration</c>, <c>oauth</c>, <c>legacy_password_hook</c>,
    /// <c>legacy_user_lookup</c>, <c>session_migration</c>). Call it just before the save that stores the user.
    /// </summary>
    public static void RecordCreated(this EventLog events, User user, string via) =>
        events.Record(EventTypes.UserCreated, user.UserId, new JsonObject
        {
            ["via"] = via,
            ["email"] = user.Emails.FirstOrDefault()?.Address,
            ["phone_number"] = user.Phones.FirstOrDefault()?.Number,
            ["status"] = user.Status == UserStatus.Active ? "active" : "pending",
        });

    /// <summary>
    /// <c>user.imported</c> for a user a bulk import created or brought up to date, or null for a
    /// row that changed nothing (matched) or failed: those have no event.
    /// </summary>
    public static GodwitEvent? DescribeImported(this EventLog events, User user, BulkOutcome outcome)
    {
        var (userId, result) = outcome switch
        {
            BulkOutcome.Created created => (created.UserId, "created"),
            BulkOutcome.Updated updated => (updated.UserId, "updated"),
            _ => (null, null),
        };
        return userId is null ? null : events.Describe(EventTypes.UserImported, userId, new JsonObject
        {
            ["outcome"] = result,
            ["external_id"] = user.ExternalId,
            ["email"] = user.Emails.FirstOrDefault()?.Address,
            ["phone_number"] = user.Phones.FirstOrDefault()?.Number,
            ["hash_type"] = user.Password?.HashType,
        });
    }

    /// <summary><c>password.*</c>: which password, and facts such as the hash type; never the hash or the password.</summary>
    public static void RecordPassword(this EventLog events, string type, User user, JsonObject? facts = null)
    {
        var payload = facts ?? [];
        payload["password_id"] = user.Password?.PasswordId;
        events.Record(type, user.UserId, payload);
    }

    /// <summary>
    /// <c>legacy_hook.called</c>: which hook, what it answered and how long it took; never what was
    /// sent to it. Record it once what the answer led to is saved or refused, so that a refused save
    /// (which clears the pending changes) does not take this event with it.
    /// </summary>
    public static void RecordLegacyHookCalled(this EventLog events, string hook, string outcome, string? userId, long startedTimestamp) =>
        events.Record(EventTypes.LegacyHookCalled, userId, new JsonObject
        {
            ["hook"] = hook,
            ["outcome"] = outcome,
            ["latency_ms"] = Math.Round(Stopwatch.GetElapsedTime(startedTimestamp).TotalMilliseconds, 1),
        });
}

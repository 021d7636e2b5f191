using System.Globalization;
using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Events;

namespace Godwit.Core.Sessions;

/// <summary>
/// The event log's entries for sessions and logins, with the payloads docs/events.md describes. Never
/// a token, JWT or code: a session is named by its id only.
/// </summary>
public sealed class SessionEvents(EventLog log, LoginAttempt attempt)
{
    /// <summary>A new session, recorded just before it is saved.</summary>
    public void Created(Session session) =>
        log.Record(EventTypes.SessionCreated, session.UserId, new JsonObject
        {
            ["session_id"] = session.SessionId,
            ["factors"] = new JsonArray([.. session.Factors.Select(f => JsonValue.Create(f.DeliveryMethod))]),
            ["expires_at"] = session.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });

    /// <summary>A session brought over from the legacy system by <paramref name="source"/>.</summary>
    public void Migrated(Session session, string source) =>
        log.Record(EventTypes.SessionMigrated, session.UserId, new JsonObject { ["session_id"] = session.SessionId, ["source"] = source });

    /// <summary>Hands to <see cref="ISessionStore"/>'s revocations: one event per deleted session.</summary>
    public void Revoked(EndedSession ended) =>
        log.Record(EventTypes.SessionRevoked, ended.UserId, new JsonObject { ["session_id"] = ended.SessionId });

    public void Expired(EndedSession ended) =>
        log.Record(EventTypes.SessionExpired, ended.UserId, new JsonObject { ["session_id"] = ended.SessionId });

    /// <summary>A second factor was enrolled (<c>totp</c>, <c>webauthn</c>, <c>biometric</c>); <paramref name="id"/> is its registration id.</summary>
    public void MfaEnrolled(string userId, string factor, string id) =>
        log.Record(EventTypes.MfaEnrolled, userId, new JsonObject { ["factor"] = factor, ["id"] = id });

    public void MfaRemoved(string userId, string factor, string id) =>
        log.Record(EventTypes.MfaRemoved, userId, new JsonObject { ["factor"] = factor, ["id"] = id });

    /// <summary>
    /// A factor was proved during a login request; <paramref name="sessionId"/> is null when the client
    /// asked for no session. Outside a login request (a registration, a reset) nothing is recorded.
    /// </summary>
    public void LoginSucceeded(string userId, AuthenticationFactor factor, string? sessionId, string? provider = null)
    {
        if (attempt.Factor is not { } name || attempt.Recorded)
        {
            return;
        }

        var payload = new JsonObject { ["factor"] = name, ["delivery_method"] = factor.DeliveryMethod };
        if (sessionId is not null)
        {
            payload["session_id"] = sessionId;
        }

        if (provider is not null)
        {
            payload["provider"] = provider;
        }

        attempt.UserId = userId;
        attempt.Recorded = true;
        log.Record(EventTypes.LoginSucceeded, userId, payload);
    }

    /// <summary>The login was refused with <paramref name="error"/>; the user is named when the attempt found them.</summary>
    public void LoginFailed(ApiError error)
    {
        if (attempt.Factor is not { } name || attempt.Recorded)
        {
            return;
        }

        attempt.Recorded = true;
        log.Record(EventTypes.LoginFailed, attempt.UserId, new JsonObject { ["factor"] = name, ["reason"] = error.ErrorType });
    }
}

using System.Text.Json.Nodes;
using Godwit.Core.Errors;
using Godwit.Core.Rbac;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Core.Sessions;

/// <summary>A session as handed to a client: the opaque token is known only at this moment.</summary>
public sealed record IssuedSession(Session Session, string SessionToken, string SessionJwt);

/// <summary>Where a client wants a new factor to land: a new session, an existing one, or none.</summary>
public sealed record SessionRequest(int? DurationMinutes, string? SessionToken, string? SessionJwt, JsonObject? CustomClaims)
{
    public static readonly SessionRequest None = new(null, null, null, null);
}

/// <summary><paramref name="GrantingRoles"/> is set only when the request carried an authorization check, which it passed.</summary>
public sealed record AuthenticatedSession(IssuedSession Issued, User User, IReadOnlyList<string>? GrantingRoles = null);

/// <summary>Starting, extending, checking and revoking sessions.</summary>
public sealed class SessionService(ISessionStore sessions, SessionLookup lookup, IUserStore users, ISigningKeyStore keyStore, SigningKeyRing keys, SessionJwts jwts, SessionAccessLog accessLog, SessionTokenOptions options, RbacPolicy rbac, SessionEvents events, TimeProvider clock)
{
    /// <summary>
    /// Checks the shape of a session request before anything else happens, so that a bad
    /// request never consumes a one-time token.
    /// </summary>
    public static ApiError? Validate(SessionRequest request)
    {
        if (request.DurationMinutes is { } minutes and (< SessionTokenOptions.MinDurationMinutes or > SessionTokenOptions.MaxDurationMinutes))
        {
            return ErrorCatalog.InvalidSessionDuration;
        }

        if (request.SessionToken is not null && request.SessionJwt is not null)
        {
            return ErrorCatalog.TooManySessionArguments;
        }

        if (request.CustomClaims is { } claims)
        {
            if (!SessionJwts.AreAllowedCustomClaims(claims))
            {
                return ErrorCatalog.InvalidSessionCustomClaims;
            }

            if (SessionJwts.ByteCount(claims) > Metadata.MaxBytes)
            {
                return ErrorCatalog.CustomClaimsTooLarge;
            }
        }

        return null;
    }

    /// <summary>
    /// Records a successful authentication: adds the factor to the given session, or starts a
    /// session when a duration is given, or returns null when the client asked for neither.
    /// </summary>
    public Task<Result<IssuedSession?>> RecordFactorAsync(User user, AuthenticationFactor factor, SessionRequest request, CancellationToken cancellationToken) =>
        RecordFactorAsync(user, factor, request, beforeCreating: null, cancellationToken);

    /// <summary>As above; <paramref name="beforeCreating"/> sees a new session just before it is saved, for events of its own.</summary>
    public async Task<Result<IssuedSession?>> RecordFactorAsync(User user, AuthenticationFactor factor, SessionRequest request, Action<Session>? beforeCreating, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (request.SessionToken is not null || request.SessionJwt is not null)
        {
            var found = await lookup.FindAsync(request.SessionToken, request.SessionJwt, cancellationToken);
            if (!found.Succeeded)
            {
                return found.Error!;
            }

            var session = found.Value;
            if (session.UserId != user.UserId)
            {
                // A session belongs to one person; another person's factor never joins it.
                return ErrorCatalog.SessionOfAnotherUser;
            }

            if (MergedClaimsTooLarge(session, request))
            {
                return ErrorCatalog.CustomClaimsTooLarge;
            }

            session.Factors = [.. session.Factors.Where(f => !f.SameMethodAs(factor)), factor];
            session.Roles = user.GrantedRoles;
            events.LoginSucceeded(user.UserId, factor, session.SessionId, factor.OAuthFactor?.ProviderType);
            return await SaveAsync(session, TokenGiven(request), request, now, factorAdded: true, cancellationToken);
        }

        if (request.DurationMinutes is not { } minutes)
        {
            // Still a proved factor: the event commits at the end of the request.
            events.LoginSucceeded(user.UserId, factor, null, factor.OAuthFactor?.ProviderType);
            return (IssuedSession?)null;
        }

        var newToken = SecretTokens.NewToken();
        var created = new Session
        {
            SessionId = PrefixedId.New(PrefixedId.Session),
            UserId = user.UserId,
            TokenHash = SecretTokens.HashToken(newToken),
            StartedAt = now,
            LastAccessedAt = now,
            ExpiresAt = now.AddMinutes(minutes),
            Factors = [factor],
            CustomClaims = request.CustomClaims is null ? "{}" : Metadata.FromCreate(request.CustomClaims),
            Roles = user.GrantedRoles,
        };
        await keys.RefreshIfStaleAsync(keyStore, cancellationToken);
        events.LoginSucceeded(user.UserId, factor, created.SessionId, factor.OAuthFactor?.ProviderType);
        events.Created(created);
        beforeCreating?.Invoke(created);
        await sessions.AddAsync(created, cancellationToken);
        return new IssuedSession(created, newToken, jwts.Issue(created));
    }

    /// <summary>Checks a session by token or JWT, optionally extending it and changing its custom claims.</summary>
    public Task<Result<AuthenticatedSession>> AuthenticateAsync(SessionRequest request, CancellationToken cancellationToken) =>
        AuthenticateAsync(request, authorization: null, cancellationToken);

    /// <summary>
    /// Checks a session and extends it as asked. With <paramref name="authorization"/>, the user's roles
    /// must also grant it; a refused check answers 403 and leaves the session as it was.
    /// </summary>
    public async Task<Result<AuthenticatedSession>> AuthenticateAsync(SessionRequest request, AuthorizationCheck? authorization, CancellationToken cancellationToken)
    {
        if (request.SessionToken is null && request.SessionJwt is null)
        {
            return ErrorCatalog.MissingSessionIdentifier;
        }

        if (authorization is not null && (authorization.ResourceId.Length == 0 || authorization.Action.Length == 0))
        {
            return ErrorCatalog.InvalidAuthorizationCheck;
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var found = await lookup.FindWithUserAsync(request.SessionToken, request.SessionJwt, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var (session, user) = found.Value;
        if (MergedClaimsTooLarge(session, request))
        {
            return ErrorCatalog.CustomClaimsTooLarge;
        }

        session.Roles = user.GrantedRoles;
        List<string>? granting = null;
        if (authorization is not null)
        {
            granting = rbac.GrantingRoles(session.Roles, authorization);
            if (granting.Count == 0)
            {
                return ErrorCatalog.SessionAuthorizationDenied;
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return new AuthenticatedSession(await SaveAsync(session, TokenGiven(request), request, now, factorAdded: false, cancellationToken), user, granting);
    }

    public async Task<Result<IReadOnlyList<Session>>> ListAsync(string userIdOrExternalId, CancellationToken cancellationToken)
    {
        if (await users.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        var list = await sessions.ListForUserAsync(user.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        foreach (var session in list)
        {
            session.Roles = user.GrantedRoles;
        }

        return Result<IReadOnlyList<Session>>.From(list);
    }

    public async Task<ApiError?> RevokeAsync(string? sessionId, string? sessionToken, string? sessionJwt, CancellationToken cancellationToken)
    {
        var given = (sessionId is null ? 0 : 1) + (sessionToken is null ? 0 : 1) + (sessionJwt is null ? 0 : 1);
        if (given != 1)
        {
            return given == 0 ? ErrorCatalog.NoSessionRevokeArguments : ErrorCatalog.TooManySessionRevokeArguments;
        }

        if (sessionId is not null)
        {
            if (!PrefixedId.IsValid(PrefixedId.Session, sessionId))
            {
                return ErrorCatalog.InvalidSessionId;
            }

            return await sessions.RevokeAsync(sessionId, events.Revoked, cancellationToken) ? null : ErrorCatalog.SessionNotFound;
        }

        var found = await lookup.FindAsync(sessionToken, sessionJwt, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Error;
        }

        return await sessions.RevokeAsync(found.Value.SessionId, events.Revoked, cancellationToken) ? null : ErrorCatalog.SessionNotFound;
    }

    /// <summary>
    /// The token is stored only as a hash, so a client that presents only the JWT gets an empty
    /// session_token back.
    /// </summary>
    private static string TokenGiven(SessionRequest request) => request.SessionToken ?? "";

    /// <summary>The 4 KB limit holds for the session's claims in total, not per request.</summary>
    private static bool MergedClaimsTooLarge(Session session, SessionRequest request) =>
        request.CustomClaims is { } claims && System.Text.Encoding.UTF8.GetByteCount(Metadata.Merge(session.CustomClaims, claims)) > Metadata.MaxBytes;

    private async Task<IssuedSession> SaveAsync(Session session, string token, SessionRequest request, DateTime now, bool factorAdded, CancellationToken cancellationToken)
    {
        var changed = factorAdded;
        // Stytch: an impersonated session cannot be extended. The request still succeeds, so an
        // application that passes a duration on every check keeps working, but the end stays put.
        if (request.DurationMinutes is { } minutes && !session.IsImpersonated)
        {
            session.ExpiresAt = now.AddMinutes(minutes);
            changed = true;
        }

        if (request.CustomClaims is { } claims)
        {
            session.CustomClaims = Metadata.Merge(session.CustomClaims, claims);
            changed = true;
        }

        var accessDue = now - session.LastAccessedAt >= options.LastAccessedResolution;
        if (accessDue)
        {
            session.LastAccessedAt = now;
        }

        if (changed)
        {
            await sessions.UpdateAsync(session, cancellationToken);
        }
        else if (accessDue)
        {
            accessLog.Record(session.SessionId, now);
        }

        await keys.RefreshIfStaleAsync(keyStore, cancellationToken);
        return new IssuedSession(session, token, jwts.IssueOrReuse(session));
    }
}

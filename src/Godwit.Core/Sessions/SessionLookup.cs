using Godwit.Core.Errors;
using Godwit.Core.Security;

namespace Godwit.Core.Sessions;

/// <summary>
/// Whose session a token or JWT names, with no side effects: no last-access write and no JWT
/// minted. Everything that only needs the session's owner or factors (attaching an address, a
/// session password reset, enrolling a second factor) asks here; only
/// <see cref="SessionService.AuthenticateAsync"/> counts as the client using its session.
/// </summary>
public sealed class SessionLookup(ISessionStore sessions, ISigningKeyStore keyStore, SigningKeyRing keys, SessionJwts jwts, TimeProvider clock)
{
    /// <summary>The live session named by exactly one of a token or a JWT.</summary>
    public async Task<Result<Session>> FindAsync(string? sessionToken, string? sessionJwt, CancellationToken cancellationToken)
    {
        if (sessionToken is null && sessionJwt is null)
        {
            return ErrorCatalog.MissingSessionIdentifier;
        }

        if (sessionToken is not null && sessionJwt is not null)
        {
            return ErrorCatalog.TooManySessionArguments;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (sessionToken is not null)
        {
            if (!SecretTokens.LooksLikeToken(sessionToken))
            {
                return ErrorCatalog.SessionNotFound;
            }

            return await sessions.FindByTokenHashAsync(SecretTokens.HashToken(sessionToken), now, cancellationToken) is { } byToken
                ? byToken
                : ErrorCatalog.SessionNotFound;
        }

        // Reading the JWT's signature may need a key another process has just added.
        await keys.RefreshIfStaleAsync(keyStore, cancellationToken);
        var sessionId = await jwts.ReadSessionIdAsync(sessionJwt!, () => keys.RefreshForUnknownKeyAsync(keyStore, cancellationToken));
        if (sessionId is null)
        {
            return ErrorCatalog.InvalidSessionJwt;
        }

        return await sessions.FindByIdAsync(sessionId, now, cancellationToken) is { } byId
            ? byId
            : ErrorCatalog.SessionNotFound;
    }
}

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
    public Task<Result<Session>> FindAsync(string? sessionToken, string? sessionJwt, CancellationToken cancellationToken) =>
        FindAsync(sessionToken, sessionJwt, sessions.FindByTokenHashAsync, sessions.FindByIdAsync, cancellationToken);

    /// <summary>As <see cref="FindAsync(string?, string?, CancellationToken)"/>, with the session's user read in the same go.</summary>
    public Task<Result<SessionWithUser>> FindWithUserAsync(string? sessionToken, string? sessionJwt, CancellationToken cancellationToken) =>
        FindAsync(sessionToken, sessionJwt, sessions.FindWithUserByTokenHashAsync, sessions.FindWithUserByIdAsync, cancellationToken);

    private async Task<Result<T>> FindAsync<T>(
        string? sessionToken,
        string? sessionJwt,
        Func<byte[], DateTime, CancellationToken, Task<T?>> byTokenHash,
        Func<string, DateTime, CancellationToken, Task<T?>> byId,
        CancellationToken cancellationToken)
        where T : class
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

            return await byTokenHash(SecretTokens.HashToken(sessionToken), now, cancellationToken) is { } byToken
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

        return await byId(sessionId, now, cancellationToken) is { } found
            ? found
            : ErrorCatalog.SessionNotFound;
    }
}

using Godwit.Core.Errors;
using Godwit.Core.Legacy;

namespace Godwit.Server.Legacy;

/// <summary>
/// Picks who judges a legacy token. A token shaped like a signed JWT is checked against the legacy
/// JWKS when <c>LegacyJwksUrl</c> is set, and that check is final; any other token goes to the
/// UserInfo endpoint or the session hook, whichever is set (startup refuses both).
/// </summary>
internal sealed class LegacySessionSources(
    LegacySystemOptions options,
    LegacyJwtSessionSource jwt,
    UserInfoSessionSource userInfo,
    SessionHookSource hook) : ILegacySessionVerifier
{
    public Task<Result<LegacyIdentity>> IdentifyAsync(string token, CancellationToken cancellationToken)
    {
        if (options.LegacyJwksUrl is not null && LegacyJwtSessionSource.LooksLikeJwt(token, out var parsed))
        {
            return jwt.IdentifyAsync(parsed!, cancellationToken);
        }

        if (options.UserInfoUrl is not null)
        {
            return userInfo.IdentifyAsync(token, cancellationToken);
        }

        if (options.LegacySessionHook is not null)
        {
            return hook.IdentifyAsync(token, cancellationToken);
        }

        return Task.FromResult<Result<LegacyIdentity>>(options.LegacyJwksUrl is not null
            ? ErrorCatalog.UnableToAuthLegacySession.WithMessage("The session_token is not a JWT, and legacy JWTs are the only legacy sessions configured.")
            : ErrorCatalog.SessionMigrationNotConfigured);
    }
}

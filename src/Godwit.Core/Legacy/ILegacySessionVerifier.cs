using Godwit.Core.Errors;

namespace Godwit.Core.Legacy;

/// <summary>
/// Finds out whose a legacy session token is: through the legacy OIDC UserInfo endpoint, a legacy
/// JWT checked against the legacy JWKS, or the legacy session hook, whichever the configuration and
/// the token's shape select. Errors are <c>unable_to_auth_legacy_session</c> (the legacy system
/// refused the token), <c>legacy_session_without_email</c>, <c>legacy_session_check_unavailable</c>
/// and <c>session_migration_not_configured</c>.
/// </summary>
public interface ILegacySessionVerifier
{
    Task<Result<LegacyIdentity>> IdentifyAsync(string token, CancellationToken cancellationToken);
}

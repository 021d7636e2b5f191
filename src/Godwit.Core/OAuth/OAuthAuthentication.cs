using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.OAuth;

public sealed record OAuthAuthenticateCommand(string Token, string? CodeVerifier, SessionRequest Session);

/// <summary>A used OAuth token: the login it carried, the provider's tokens (handed out this once) and the session, if one was asked for.</summary>
public sealed record OAuthAuthenticated(User User, OAuthGrant Grant, ProviderTokens Tokens, IssuedSession? Session);

/// <summary><c>POST /v1/oauth/authenticate</c>: the application trades the callback's token for the login.</summary>
public sealed class OAuthAuthentication(IOAuthFlowStore store, IUserStore users, SessionService sessions, ProjectKeys keys, TimeProvider clock)
{
    private static readonly ProviderTokens NoTokens = new("", "", "", [], null);

    public async Task<Result<OAuthAuthenticated>> AuthenticateAsync(OAuthAuthenticateCommand command, CancellationToken cancellationToken)
    {
        // Every check on the request comes before the token is touched, so a client's mistake
        // never costs the person their login.
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (!SecretTokens.LooksLikeToken(command.Token))
        {
            return ErrorCatalog.OAuthTokenNotFound;
        }

        var hash = SecretTokens.HashToken(command.Token);
        var grant = await store.FindGrantAsync(hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (grant is not { Kind: OAuthGrantKind.Login }
            || !SecretTokens.FixedTimeEquals(grant.TokenHash, hash)
            || grant.ConsumedAt is not null
            || grant.ExpiresAt <= now)
        {
            return ErrorCatalog.OAuthTokenNotFound;
        }

        // PKCE before consuming: whoever intercepted the redirect but lacks the verifier must not
        // be able to burn the token for the browser that started the flow.
        if (Pkce.Check(grant.CodeChallenge, command.CodeVerifier) is { } pkceError)
        {
            return pkceError.WithMessage(PkceMessage(pkceError));
        }

        // Opened before the consuming update erases them.
        var tokens = grant.SealedProviderTokens is { } sealedTokens ? SealedProviderTokens.Open(keys, grant.OAuthGrantId, sealedTokens) ?? NoTokens : NoTokens;
        if (!await store.TryConsumeGrantAsync(grant.OAuthGrantId, now, cancellationToken)
            || await users.FindAsync(grant.UserId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.OAuthTokenNotFound;
        }

        var segment = OAuthProviderTypes.PathSegmentOf(grant.Provider) ?? "oidc";
        var factor = new AuthenticationFactor(
            "oauth", "oauth_" + segment, now, now,
            OAuthFactor: new OAuthFactor(grant.Provider, grant.OAuthRegistrationId!, grant.ProviderSubject!, grant.EmailId));
        var issued = await sessions.RecordFactorAsync(user, factor, command.Session, cancellationToken);
        return issued.Succeeded ? new OAuthAuthenticated(user, grant, tokens, issued.Value) : issued.Error!;
    }

    private static string PkceMessage(ApiError error) => error.ErrorType switch
    {
        "pkce_expected_code_verifier" => "This OAuth flow was started with a code_challenge: pass the matching code_verifier.",
        "pkce_did_not_expect_code_verifier" => "This OAuth flow was started without a code_challenge: do not pass a code_verifier.",
        _ => "The code_verifier does not match the code_challenge the OAuth flow was started with.",
    };
}

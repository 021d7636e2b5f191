using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Core.OAuth;

/// <summary>A flow the callback may complete: its stored state, and Godwit's PKCE verifier towards the provider.</summary>
public sealed record ResumedOAuthFlow(OAuthFlowState State, string ProviderCodeVerifier);

/// <summary>
/// The provider's return to Godwit: the state is checked and used up before the provider is asked
/// anything, and a checked identity becomes a user and a single-use token for the application.
/// </summary>
public sealed class OAuthCallbacks(IOAuthFlowStore store, OAuthLinking linking, ProjectKeys keys, TimeProvider clock)
{
    /// <summary>How long the application has to authenticate the token it was redirected with.</summary>
    public const int TokenMinutes = 10;

    /// <summary>
    /// The flow this state belongs to, consumed: a state replayed, expired, forged, or brought back
    /// under another provider's callback is refused, so no login can be injected into a browser
    /// that did not start it (CSRF), and no code is exchanged twice.
    /// </summary>
    public async Task<Result<ResumedOAuthFlow>> ResumeAsync(string provider, string? state, CancellationToken cancellationToken)
    {
        if (!SecretTokens.LooksLikeToken(state))
        {
            return ErrorCatalog.OAuthStateNotFound;
        }

        var hash = SecretTokens.HashToken(state!);
        var found = await store.FindStateAsync(hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (found is null || !SecretTokens.FixedTimeEquals(found.StateHash, hash) || found.Provider != provider
            || !await store.TryConsumeStateAsync(found.OAuthStateId, now, cancellationToken)
            || SealedProviderTokens.OpenVerifier(keys, found) is not { } verifier)
        {
            return ErrorCatalog.OAuthStateNotFound;
        }

        return new ResumedOAuthFlow(found, verifier);
    }

    /// <summary>
    /// Links the identity to a user and answers where the person goes next: the sign-up URL when
    /// the user was created, else the login URL, carrying a token only the application can use.
    /// </summary>
    public async Task<Result<string>> FinishAsync(ResumedOAuthFlow flow, ProviderIdentity identity, CancellationToken cancellationToken)
    {
        var linked = await linking.LinkAsync(identity, flow.State.AttachUserId, cancellationToken);
        if (!linked.Succeeded)
        {
            return linked.Error!;
        }

        var login = linked.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var token = SecretTokens.NewToken();
        var id = PrefixedId.New(OAuthStarts.GrantPrefix);
        await store.AddGrantAsync(
            new OAuthGrant
            {
                OAuthGrantId = id,
                Kind = OAuthGrantKind.Login,
                TokenHash = SecretTokens.HashToken(token),
                UserId = login.User.UserId,
                Provider = identity.ProviderType,
                OAuthRegistrationId = login.Registration.OAuthRegistrationId,
                ProviderSubject = identity.Subject,
                EmailId = login.EmailId,
                UserCreated = login.UserCreated,
                ResetSessions = login.ResetSessions,
                CodeChallenge = flow.State.CodeChallenge,
                SealedProviderTokens = SealedProviderTokens.Seal(keys, id, identity.Tokens),
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(TokenMinutes),
            },
            cancellationToken);
        var url = login.UserCreated ? flow.State.SignupRedirectUrl : flow.State.LoginRedirectUrl;
        return MagicLinkUrl.WithToken(url, token, "oauth");
    }

    /// <summary>
    /// Where a person goes when the provider refused or its answer failed Godwit's checks: the
    /// application's login URL, with the error type instead of a token (the URL is on the allowlist).
    /// </summary>
    public static string FailureUrl(OAuthFlowState state, ApiError error)
    {
        var url = state.LoginRedirectUrl;
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (beforeFragment, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        var separator = !beforeFragment.Contains('?', StringComparison.Ordinal) ? "?" : beforeFragment.EndsWith('?') || beforeFragment.EndsWith('&') ? "" : "&";
        return $"{beforeFragment}{separator}stytch_token_type=oauth&error={Uri.EscapeDataString(error.ErrorType)}{fragment}";
    }
}

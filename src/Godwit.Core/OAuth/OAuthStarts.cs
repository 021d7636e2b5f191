using System.Security.Cryptography;
using System.Text;
using Godwit.Core.Errors;
using Godwit.Core.MagicLinks;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Core.OAuth;

/// <param name="Provider">The path segment of a configured provider.</param>
public sealed record OAuthStartCommand(string Provider, string? LoginRedirectUrl, string? SignupRedirectUrl, string? CodeChallenge, string? AttachToken);

/// <summary>What the provider is sent: the state and nonce it returns, and the S256 challenge of Godwit's verifier.</summary>
public sealed record StartedOAuthFlow(string State, string Nonce, string ProviderCodeChallenge);

/// <summary>
/// The first step of an OAuth login (checking the application's request and keeping the flow's
/// state), and attach tokens, which name the user a later start links its provider account to.
/// </summary>
public sealed class OAuthStarts(IOAuthFlowStore store, UserResolver userResolver, RedirectUrlAllowlist redirectUrls, MagicLinkOptions defaults, ProjectKeys keys, TimeProvider clock)
{
    /// <summary>Long enough to log in at the provider and consent; a state is good for one callback.</summary>
    public const int StateMinutes = 10;

    /// <summary>An attach token bridges one call to the start, as at Stytch.</summary>
    public const int AttachMinutes = 3;

    internal const string StatePrefix = "oauth-state-live-";
    internal const string GrantPrefix = "oauth-grant-live-";

    public async Task<Result<StartedOAuthFlow>> StartAsync(OAuthStartCommand command, CancellationToken cancellationToken)
    {
        // As magic links choose: a sign-up URL falls back to the request's login URL before the
        // configured ones, since many applications handle both at one URL.
        var login = command.LoginRedirectUrl ?? defaults.DefaultLoginUrl;
        var signup = command.SignupRedirectUrl ?? defaults.DefaultSignupUrl ?? command.LoginRedirectUrl ?? defaults.DefaultLoginUrl;
        if ((redirectUrls.Refusal(login, ErrorCatalog.UnregisteredOAuthRedirectUrl) ?? redirectUrls.Refusal(signup, ErrorCatalog.UnregisteredOAuthRedirectUrl)) is { } refused)
        {
            return refused;
        }

        if (login is null || signup is null)
        {
            return ErrorCatalog.MissingOAuthRedirectUrl;
        }

        if (command.CodeChallenge is not null && !Pkce.IsValidChallenge(command.CodeChallenge))
        {
            return ErrorCatalog.InvalidCodeChallenge;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        string? attachUserId = null;
        if (command.AttachToken is not null)
        {
            // Consumed last among the checks, so a request refused for another reason keeps it.
            var attached = await ConsumeAttachTokenAsync(command.AttachToken, command.Provider, now, cancellationToken);
            if (!attached.Succeeded)
            {
                return attached.Error!;
            }

            attachUserId = attached.Value;
        }

        var state = SecretTokens.NewToken();
        var nonce = SecretTokens.NewToken();
        var verifier = SecretTokens.NewToken();
        var id = PrefixedId.New(StatePrefix);
        await store.AddStateAsync(
            new OAuthFlowState
            {
                OAuthStateId = id,
                StateHash = SecretTokens.HashToken(state),
                Provider = command.Provider,
                SealedProviderVerifier = SealedProviderTokens.SealVerifier(keys, id, verifier),
                Nonce = nonce,
                CodeChallenge = command.CodeChallenge,
                LoginRedirectUrl = login,
                SignupRedirectUrl = signup,
                AttachUserId = attachUserId,
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(StateMinutes),
            },
            cancellationToken);
        return new StartedOAuthFlow(state, nonce, S256(verifier));
    }

    /// <summary>An attach token for the user a user_id or session names, for one later start with this provider.</summary>
    public async Task<Result<string>> AttachAsync(string provider, UserReference reference, CancellationToken cancellationToken)
    {
        var named = (reference.UserId is null ? 0 : 1) + (reference.SessionToken is null ? 0 : 1) + (reference.SessionJwt is null ? 0 : 1);
        if (named != 1)
        {
            return ErrorCatalog.TooManyAttachArguments;
        }

        var user = await userResolver.FindAsync(reference, cancellationToken);
        if (!user.Succeeded)
        {
            return user.Error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = SecretTokens.NewToken();
        await store.AddGrantAsync(
            new OAuthGrant
            {
                OAuthGrantId = PrefixedId.New(GrantPrefix),
                Kind = OAuthGrantKind.Attach,
                TokenHash = SecretTokens.HashToken(token),
                UserId = user.Value.User.UserId,
                Provider = provider,
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(AttachMinutes),
            },
            cancellationToken);
        return token;
    }

    private async Task<Result<string>> ConsumeAttachTokenAsync(string token, string provider, DateTime now, CancellationToken cancellationToken)
    {
        if (!SecretTokens.LooksLikeToken(token))
        {
            return ErrorCatalog.OAuthAttachTokenNotFound;
        }

        var hash = SecretTokens.HashToken(token);
        var grant = await store.FindGrantAsync(hash, cancellationToken);
        // The fixed-time comparison repeats the database's equality test where no collation can interfere.
        if (grant is not { Kind: OAuthGrantKind.Attach } || !SecretTokens.FixedTimeEquals(grant.TokenHash, hash) || grant.Provider != provider
            || !await store.TryConsumeGrantAsync(grant.OAuthGrantId, now, cancellationToken))
        {
            return ErrorCatalog.OAuthAttachTokenNotFound;
        }

        return grant.UserId;
    }

    /// <summary>RFC 7636 §4.2: BASE64URL(SHA256(ASCII(verifier))).</summary>
    internal static string S256(string verifier) => SecretTokens.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}

using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Core.MagicLinks;

/// <summary>An embeddable magic link: the token itself, for the backend to deliver however it likes.</summary>
public sealed record EmbeddableMagicLink(string UserId, string Token);

/// <summary>
/// Creates embeddable magic links (Stytch's <c>POST /v1/magic_links</c>). The token is a magic
/// link like any other, stored only as its hash, single use and expiring, and authenticates through
/// <see cref="MagicLinkService.AuthenticateAsync"/>; but no address of the user receives it, so
/// authenticating it verifies none (see <see cref="Sessions.PrimaryFactorLogin.CompleteEmbeddedAsync"/>).
/// </summary>
public sealed class EmbeddableMagicLinks(IUserStore users, IOneTimeSecretStore secrets, TimeProvider clock)
{
    public const int DefaultExpirationMinutes = 60;

    /// <summary>A new token for the user named by user_id or external_id.</summary>
    public async Task<Result<EmbeddableMagicLink>> CreateAsync(string userIdOrExternalId, int? expirationMinutes, CancellationToken cancellationToken)
    {
        var minutes = expirationMinutes ?? DefaultExpirationMinutes;
        if (minutes is < MagicLinkService.MinExpirationMinutes or > MagicLinkService.MaxExpirationMinutes)
        {
            return ErrorCatalog.InvalidExpirationMinutes;
        }

        if (await users.FindAsync(userIdOrExternalId, cancellationToken) is not { } user)
        {
            return ErrorCatalog.UserNotFound;
        }

        // Each token gets its own embedded_id, the method its session factor names.
        var token = SecretTokens.NewToken();
        var now = clock.GetUtcNow().UtcDateTime;
        await secrets.AddAsync(
            new OneTimeSecret
            {
                Id = PrefixedId.New(PrefixedId.MagicLink),
                Kind = OneTimeSecretKind.EmbeddedLink,
                UserId = user.UserId,
                MethodId = PrefixedId.New(PrefixedId.EmbeddedMagicLink),
                SecretHash = SecretTokens.HashToken(token),
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(minutes),
            },
            cancellationToken);
        return new EmbeddableMagicLink(user.UserId, token);
    }
}

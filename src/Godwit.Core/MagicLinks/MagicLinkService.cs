using Godwit.Core.Delivery;
using Godwit.Core.Errors;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Sessions;
using Godwit.Core.Users;

namespace Godwit.Core.MagicLinks;

/// <summary>Sending, revoking and authenticating email magic links (and authenticating embeddable ones, see <see cref="EmbeddableMagicLinks"/>).</summary>
public sealed class MagicLinkService(
    PasswordlessRecipients recipients,
    SendLimits sendLimits,
    OneTimeSecretIssuer issuer,
    PrimaryFactorLogin login,
    LoginAttempt attempt,
    UserService userService,
    IUserStore users,
    IOneTimeSecretStore secrets,
    MagicLinkOptions options,
    RedirectUrlAllowlist redirectUrls,
    TimeProvider clock)
{
    public const int MinExpirationMinutes = 5;
    public const int MaxExpirationMinutes = 10_080;
    public const int DefaultLoginExpirationMinutes = 60;
    public const int DefaultSignupExpirationMinutes = 10_080;
    public const int DefaultInviteExpirationMinutes = 60;

    // Send, login_or_create and invite share one limit per address, as at Stytch.
    private static readonly OneTimeSecretKind[] LinkKinds = [OneTimeSecretKind.MagicLink, OneTimeSecretKind.Invite];

    public async Task<Result<SentTo>> LoginOrCreateAsync(MagicLinkLoginOrCreateCommand command, CancellationToken cancellationToken)
    {
        var checkedLinks = CheckLinks(command.Email, command.Login, command.Signup, command.CodeChallenge);
        if (!checkedLinks.Succeeded)
        {
            return checkedLinks.Error!;
        }

        var (email, links) = checkedLinks.Value;
        var recipient = await recipients.LoginOrCreateAsync(AddressKind.Email, email, command.CreateAsPending, cancellationToken);
        return recipient.Succeeded
            ? await SendAsync(recipient.Value, links, command.CodeChallenge, command.Locale, cancellationToken)
            : recipient.Error!;
    }

    public async Task<Result<SentTo>> SendAsync(MagicLinkSendCommand command, CancellationToken cancellationToken)
    {
        var checkedLinks = CheckLinks(command.Email, command.Login, command.Signup, command.CodeChallenge);
        if (!checkedLinks.Succeeded)
        {
            return checkedLinks.Error!;
        }

        var (email, links) = checkedLinks.Value;
        var recipient = await recipients.ForSendAsync(AddressKind.Email, email, command.Target, cancellationToken);
        return recipient.Succeeded
            ? await SendAsync(recipient.Value, links, command.CodeChallenge, command.Locale, cancellationToken)
            : recipient.Error!;
    }

    public async Task<Result<SentTo>> InviteAsync(MagicLinkInviteCommand command, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(command.Email, out var email))
        {
            return ErrorCatalog.InvalidEmail;
        }

        var url = command.Invite.Url ?? options.DefaultInviteUrl ?? options.DefaultSignupUrl ?? options.DefaultLoginUrl;
        if (CheckLink(command.Invite, url, DefaultInviteExpirationMinutes) is { } invalid)
        {
            return invalid;
        }

        if (url is null)
        {
            return ErrorCatalog.MissingLoginUrl.WithMessage("Pass invite_magic_link_url, or configure Godwit:MagicLinks:DefaultInviteUrl.");
        }

        Recipient recipient;
        if (await users.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            // Inviting again re-sends to the pending user as they are; an active user logs in instead.
            if (existing.Status == UserStatus.Active)
            {
                return ErrorCatalog.InviteUserAlreadyActive;
            }

            recipient = new Recipient(existing, existing.Emails.First(e => e.Address == email).EmailId, email, UserCreated: false);
        }
        else
        {
            var created = await userService.CreateAsync(
                new CreateUserCommand(email, null, command.Name, command.TrustedMetadata, command.UntrustedMetadata, null, CreateAsPending: true),
                cancellationToken);
            if (!created.Succeeded)
            {
                return created.Error!;
            }

            recipient = new Recipient(created.Value.User, created.Value.Email!.EmailId, email, UserCreated: true);
        }

        var minutes = command.Invite.ExpirationMinutes ?? DefaultInviteExpirationMinutes;
        return await IssueAsync(recipient, OneTimeSecretKind.Invite, MessageKind.MagicLinkInvite, url, minutes, null, command.Locale, cancellationToken);
    }

    /// <summary>Consumes every live invite link sent to the address.</summary>
    public async Task<ApiError?> RevokeInviteAsync(string email, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            return ErrorCatalog.InvalidEmail;
        }

        if (await users.FindByEmailAsync(normalized, cancellationToken) is not { } user)
        {
            return ErrorCatalog.EmailNotFound;
        }

        var emailId = user.Emails.First(e => e.Address == normalized).EmailId;
        var revoked = await secrets.ConsumeAllAsync(emailId, OneTimeSecretKind.Invite, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return revoked > 0 ? null : ErrorCatalog.EmailNotFound.WithMessage("No live invite was found for this email.");
    }

    public async Task<Result<PrimaryFactorAuthenticated>> AuthenticateAsync(MagicLinkAuthenticateCommand command, CancellationToken cancellationToken)
    {
        // Every check on the request comes before the token is touched, so a client's mistake
        // never costs the user their link.
        if (SessionService.Validate(command.Session) is { } invalidSession)
        {
            return invalidSession;
        }

        if (!SecretTokens.LooksLikeToken(command.Token))
        {
            return ErrorCatalog.MagicLinkNotFound;
        }

        var hash = SecretTokens.HashToken(command.Token);
        var secret = await secrets.FindByHashAsync(hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (secret is not null && SecretTokens.FixedTimeEquals(secret.SecretHash, hash))
        {
            // A used or expired link still names whose it was.
            attempt.UserId = secret.UserId;
        }

        // The fixed-time comparison repeats the database's equality test in code, where no
        // collation or index quirk can make two different hashes compare equal.
        if (secret is null
            || secret.Kind is not (OneTimeSecretKind.MagicLink or OneTimeSecretKind.Invite or OneTimeSecretKind.EmbeddedLink)
            || !SecretTokens.FixedTimeEquals(secret.SecretHash, hash)
            || secret.ConsumedAt is not null
            || secret.ExpiresAt <= now)
        {
            return ErrorCatalog.UnableToAuthMagicLink;
        }

        // PKCE before consuming: whoever holds an intercepted link but not the verifier must not
        // be able to burn it for the person who started the flow.
        if (Pkce.Check(secret.CodeChallenge, command.CodeVerifier) is { } pkceError)
        {
            return pkceError;
        }

        if (secret.Kind == OneTimeSecretKind.EmbeddedLink)
        {
            return await login.CompleteEmbeddedAsync(secret, command.Session, ErrorCatalog.UnableToAuthMagicLink, cancellationToken);
        }

        if (await login.FindAddressAsync(secret, cancellationToken) is not { Email: not null } address)
        {
            return ErrorCatalog.UnableToAuthMagicLink;
        }

        return await login.CompleteAsync(secret, address, "magic_link", command.Session, ErrorCatalog.UnableToAuthMagicLink, cancellationToken);
    }

    private Result<(string Email, ResolvedLinks Links)> CheckLinks(string email, LinkRequest login, LinkRequest signup, string? codeChallenge)
    {
        if (!EmailAddress.TryNormalize(email, out var normalized))
        {
            return ErrorCatalog.InvalidEmail;
        }

        // A sign-up link falls back to the login URL the request gave before the configured one:
        // many applications handle both at one URL.
        var links = new ResolvedLinks(
            login.Url ?? options.DefaultLoginUrl,
            login.ExpirationMinutes ?? DefaultLoginExpirationMinutes,
            signup.Url ?? options.DefaultSignupUrl ?? login.Url ?? options.DefaultLoginUrl,
            signup.ExpirationMinutes ?? DefaultSignupExpirationMinutes);
        if ((CheckLink(login, links.LoginUrl, DefaultLoginExpirationMinutes) ?? CheckLink(signup, links.SignupUrl, DefaultSignupExpirationMinutes)) is { } invalid)
        {
            return invalid;
        }

        if (codeChallenge is not null && !Pkce.IsValidChallenge(codeChallenge))
        {
            return ErrorCatalog.InvalidCodeChallenge;
        }

        // Checked before any user is found or created, so a request that cannot be sent changes
        // nothing; a login URL also covers sign-up links, as above.
        return links.LoginUrl is null ? ErrorCatalog.MissingLoginUrl : (normalized, links);
    }

    private ApiError? CheckLink(LinkRequest request, string? resolvedUrl, int defaultMinutes)
    {
        if (request.Url is not null && !MagicLinkUrl.IsValid(request.Url))
        {
            return ErrorCatalog.InvalidUrl;
        }

        var minutes = request.ExpirationMinutes ?? defaultMinutes;
        return minutes is < MinExpirationMinutes or > MaxExpirationMinutes
            ? ErrorCatalog.InvalidExpirationMinutes
            : redirectUrls.Refusal(resolvedUrl, ErrorCatalog.UnregisteredMagicLinkUrl);
    }

    /// <summary>A new or pending user gets a sign-up link and an active one a login link, as at Stytch.</summary>
    private Task<Result<SentTo>> SendAsync(Recipient recipient, ResolvedLinks links, string? codeChallenge, string? locale, CancellationToken cancellationToken) =>
        recipient.UserCreated || recipient.User.Status == UserStatus.Pending
            ? IssueAsync(recipient, OneTimeSecretKind.MagicLink, MessageKind.MagicLinkSignup, links.SignupUrl!, links.SignupMinutes, codeChallenge, locale, cancellationToken)
            : IssueAsync(recipient, OneTimeSecretKind.MagicLink, MessageKind.MagicLinkLogin, links.LoginUrl!, links.LoginMinutes, codeChallenge, locale, cancellationToken);

    private async Task<Result<SentTo>> IssueAsync(
        Recipient recipient, OneTimeSecretKind kind, MessageKind message, string url, int minutes, string? codeChallenge, string? locale, CancellationToken cancellationToken)
    {
        if (await sendLimits.CheckAsync(recipient, LinkKinds, options.MaxSendsPerMinute, "magic links", cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var token = SecretTokens.NewToken();
        var secret = issuer.Create(kind, recipient, SecretTokens.HashToken(token), minutes, codeChallenge);
        var email = new OutgoingMessage(message, recipient.Address, locale, minutes, Link: MagicLinkUrl.WithToken(url, token));
        return await issuer.StoreAndSendAsync(secret, email, cancellationToken) is { } failed
            ? failed
            : new SentTo(recipient.User.UserId, recipient.MethodId, recipient.UserCreated);
    }

    private sealed record ResolvedLinks(string? LoginUrl, int LoginMinutes, string? SignupUrl, int SignupMinutes);
}

using Godwit.Core.Delivery;
using Godwit.Core.Errors;
using Godwit.Core.Legacy;
using Godwit.Core.OneTimeSecrets;
using Godwit.Core.Security;
using Godwit.Core.Users;

namespace Godwit.Core.Passwords;

/// <summary>
/// Password reset links: sending one to an email, and ending every live one when the password
/// changes. The link itself is spent by <see cref="PasswordReset.ResetByEmailAsync"/>.
/// </summary>
public sealed class PasswordResetLinks(
    IUserStore users,
    SendLimits sendLimits,
    OneTimeSecretIssuer issuer,
    RedirectUrlAllowlist redirectUrls,
    IOneTimeSecretStore secrets,
    LegacyUserLookup legacyUsers,
    PasswordOptions options,
    TimeProvider clock)
{
    private static readonly OneTimeSecretKind[] ResetKind = [OneTimeSecretKind.PasswordReset];

    /// <summary>
    /// Sends a reset link to the email; the user must exist (with or without a password), or be
    /// known to the legacy system, which the user lookup hook asks last, after every check.
    /// </summary>
    public async Task<Result<(User User, string EmailId)>> StartResetAsync(ResetStartCommand command, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalize(command.Email, out var email))
        {
            return ErrorCatalog.InvalidEmail;
        }

        var url = command.ResetUrl ?? options.ResetUrl;
        if (redirectUrls.Refusal(url, ErrorCatalog.UnregisteredResetUrl) is { } refused)
        {
            return refused;
        }

        if (url is null)
        {
            return ErrorCatalog.MissingResetUrl;
        }

        var minutes = command.ExpirationMinutes ?? options.DefaultResetExpirationMinutes;
        if (minutes is < PasswordOptions.MinResetExpirationMinutes or > PasswordOptions.MaxResetExpirationMinutes)
        {
            return ErrorCatalog.InvalidResetExpiration;
        }

        if (command.CodeChallenge is not null && !Pkce.IsValidChallenge(command.CodeChallenge))
        {
            return ErrorCatalog.InvalidCodeChallenge;
        }

        if ((await users.FindByEmailAsync(email, cancellationToken) ?? await legacyUsers.CreateForResetAsync(email, cancellationToken)) is not { } user)
        {
            return ErrorCatalog.EmailNotFound;
        }

        var emailId = user.Emails.First(e => e.Address == email).EmailId;
        var recipient = new Recipient(user, emailId, email, UserCreated: false);
        if (await sendLimits.CheckAsync(recipient, ResetKind, options.MaxResetSendsPerMinute, "password reset emails", cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        var token = SecretTokens.NewToken();
        var secret = issuer.Create(OneTimeSecretKind.PasswordReset, recipient, SecretTokens.HashToken(token), minutes, command.CodeChallenge);
        var message = new OutgoingMessage(MessageKind.PasswordReset, email, command.Locale, minutes, Link: MagicLinkUrl.WithToken(url, token, "reset_password"));
        return await issuer.StoreAndSendAsync(secret, message, cancellationToken) is { } failed
            ? failed
            : (user, emailId);
    }

    /// <summary>
    /// A changed or deleted password ends every reset link still live: a link sent before the
    /// change was asked for the old state of the account (perhaps by someone who has since lost it).
    /// </summary>
    public async Task EndLinksAsync(User user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var email in user.Emails)
        {
            await secrets.ConsumeAllAsync(email.EmailId, OneTimeSecretKind.PasswordReset, now, cancellationToken);
        }
    }
}

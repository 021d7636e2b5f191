using Godwit.Core.Delivery;
using Godwit.Core.Errors;
using Godwit.Core.Security;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;

namespace Godwit.Core.MagicLinks;

/// <summary>
/// Stores a one-time secret and delivers it, within a per-address send limit. Shared by magic
/// links and passcodes.
/// </summary>
public sealed class OneTimeSecretIssuer(
    IOneTimeSecretStore secrets,
    IBudgetStore budgets,
    SendLimitOptions limits,
    IEmailSender email,
    ISmsSender sms,
    TimeProvider clock,
    ILogger<OneTimeSecretIssuer> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Null while the recipient may be sent another message of these kinds: fewer than
    /// <paramref name="maxPerMinute"/> <paramref name="messages"/> in the last rolling minute (counted from stored
    /// secrets), and the hourly budgets of the address and, for a phone, of its prefix not spent.
    /// Everything is counted in the database, so every Godwit process behind a load balancer
    /// enforces one limit. Two sends racing at the per-minute limit can both pass; the hourly
    /// budgets are taken by one conditional statement and never overrun.
    /// </summary>
    public async Task<ApiError?> CheckSendLimitsAsync(Recipient recipient, IReadOnlyList<OneTimeSecretKind> kinds, int maxPerMinute, string messages, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        foreach (var kind in kinds)
        {
            sent += await secrets.CountCreatedSinceAsync(recipient.MethodId, kind, now - Window, cancellationToken);
        }

        if (sent >= maxPerMinute)
        {
            return ErrorCatalog.TooManyRequests.WithMessage($"Too many {messages} were sent to this address in the last minute. Try again shortly.");
        }

        var address = await budgets.TryTakeAsync("sends:" + recipient.MethodId, limits.PerAddressPerHour, SendLimitOptions.Window, now, cancellationToken);
        if (!address.Granted)
        {
            return ErrorCatalog.TooManyRequests
                .WithMessage("Too many messages were sent to this address in the last hour. Try again after the time in the Retry-After header.")
                .WithRetryAfter(address.RetryAfter);
        }

        if (recipient.MethodId.StartsWith(PrefixedId.Phone, StringComparison.Ordinal))
        {
            var prefix = await budgets.TryTakeAsync("sms-prefix:" + limits.PrefixOf(recipient.Address), limits.PerPhonePrefixPerHour, SendLimitOptions.Window, now, cancellationToken);
            if (!prefix.Granted)
            {
                logger.LogWarning("Text messages to numbers starting {Prefix} reached the hourly limit; refusing more until the window ends", limits.PrefixOf(recipient.Address));
                return ErrorCatalog.TooManyRequests
                    .WithMessage("Too many text messages were sent to numbers like this one in the last hour. Try again after the time in the Retry-After header.")
                    .WithRetryAfter(prefix.RetryAfter);
            }
        }

        return null;
    }

    /// <summary>A secret that lives from now for the given minutes, stored only as its hash.</summary>
    public OneTimeSecret Create(OneTimeSecretKind kind, Recipient recipient, byte[] secretHash, int expirationMinutes, string? codeChallenge = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new OneTimeSecret
        {
            Id = PrefixedId.New(kind switch
            {
                OneTimeSecretKind.Otp => PrefixedId.Otp,
                OneTimeSecretKind.PasswordReset => PrefixedId.PasswordReset,
                _ => PrefixedId.MagicLink,
            }),
            Kind = kind,
            UserId = recipient.User.UserId,
            MethodId = recipient.MethodId,
            SecretHash = secretHash,
            CodeChallenge = codeChallenge,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(expirationMinutes),
        };
    }

    /// <summary>
    /// Stores the secret, then sends the message. A message that cannot be delivered revokes its
    /// secret at once and fails the request: the caller learns, and nothing stays live that
    /// nobody received.
    /// </summary>
    public async Task<ApiError?> StoreAndSendAsync(OneTimeSecret secret, EmailMessage? emailMessage, SmsMessage? smsMessage, CancellationToken cancellationToken)
    {
        await secrets.AddAsync(secret, cancellationToken);
        try
        {
            if (emailMessage is not null)
            {
                await email.SendAsync(emailMessage, cancellationToken);
            }
            else if (smsMessage is not null)
            {
                await sms.SendAsync(smsMessage, cancellationToken);
            }

            return null;
        }
        catch (DeliveryFailedException failure)
        {
            // CancellationToken.None: the revocation must happen even if the client gave up.
            await secrets.TryConsumeAsync(secret.Id, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            // The message body holds the secret, so only ids and the channel's reason are logged.
            logger.LogWarning(failure, "{Kind} {SecretId} for {MethodId} was not delivered and has been revoked", secret.Kind, secret.Id, secret.MethodId);
            return emailMessage is not null ? ErrorCatalog.EmailDeliveryFailed : ErrorCatalog.SmsDeliveryFailed;
        }
    }
}

using Godwit.Core.Errors;
using Godwit.Core.Security;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;

namespace Godwit.Core.OneTimeSecrets;

/// <summary>
/// Whether another link, passcode or reset email may go to an address: the per-minute limit of
/// each kind and the hourly <see cref="SendLimitOptions"/> budgets.
/// </summary>
public sealed partial class SendLimits(
    IOneTimeSecretStore secrets,
    IBudgetStore budgets,
    SendLimitOptions limits,
    TimeProvider clock,
    ILogger<SendLimits> logger)
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
    public async Task<ApiError?> CheckAsync(Recipient recipient, IReadOnlyList<OneTimeSecretKind> kinds, int maxPerMinute, string messages, CancellationToken cancellationToken)
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

        if (PrefixedId.IsValid(PrefixedId.Phone, recipient.MethodId))
        {
            var prefix = await budgets.TryTakeAsync("sms-prefix:" + limits.PrefixOf(recipient.Address), limits.PerPhonePrefixPerHour, SendLimitOptions.Window, now, cancellationToken);
            if (!prefix.Granted)
            {
                LogPrefixLimitReached(logger, limits.PrefixOf(recipient.Address));
                return ErrorCatalog.TooManyRequests
                    .WithMessage("Too many text messages were sent to numbers like this one in the last hour. Try again after the time in the Retry-After header.")
                    .WithRetryAfter(prefix.RetryAfter);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Text messages to numbers starting {Prefix} reached the hourly limit; refusing more until the window ends")]
    private static partial void LogPrefixLimitReached(ILogger logger, string prefix);
}

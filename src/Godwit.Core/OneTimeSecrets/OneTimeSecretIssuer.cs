using Godwit.Core.Delivery;
using Godwit.Core.Errors;
using Godwit.Core.Users;
using Microsoft.Extensions.Logging;

namespace Godwit.Core.OneTimeSecrets;

/// <summary>
/// Creates a one-time secret, stores it and delivers it. Shared by magic links, passcodes and
/// password resets, which check <see cref="SendLimits"/> first.
/// </summary>
public sealed partial class OneTimeSecretIssuer(
    IOneTimeSecretStore secrets,
    IEmailSender email,
    ISmsSender sms,
    MessageComposer composer,
    TimeProvider clock,
    ILogger<OneTimeSecretIssuer> logger)
{
    /// <summary>A secret that lives from now for the given minutes, stored only as its hash.</summary>
    public OneTimeSecret Create(OneTimeSecretKind kind, Recipient recipient, byte[] secretHash, int expirationMinutes, string? codeChallenge = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new OneTimeSecret
        {
            Id = PrefixedId.New(kind switch
            {
                OneTimeSecretKind.Otp or OneTimeSecretKind.WhatsAppOtp => PrefixedId.Otp,
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
    /// Stores the secret, then writes and sends the message. A message that cannot be delivered
    /// revokes its secret at once and fails the request: the caller learns, and nothing stays live
    /// that nobody received.
    /// </summary>
    public async Task<ApiError?> StoreAndSendAsync(OneTimeSecret secret, OutgoingMessage message, CancellationToken cancellationToken)
    {
        await secrets.AddAsync(secret, cancellationToken);
        try
        {
            if (message.IsEmail)
            {
                await email.SendAsync(composer.ComposeEmail(message), cancellationToken);
            }
            else
            {
                await sms.SendAsync(composer.ComposeText(message), cancellationToken);
            }

            return null;
        }
        catch (DeliveryFailedException failure)
        {
            // CancellationToken.None: the revocation must happen even if the client gave up.
            await secrets.TryConsumeAsync(secret.Id, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            // The message body holds the secret, so only ids and the channel's reason are logged.
            LogUndeliveredRevoked(logger, failure, secret.Kind, secret.Id, secret.MethodId);
            return message.IsEmail ? ErrorCatalog.EmailDeliveryFailed : ErrorCatalog.SmsDeliveryFailed;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {SecretId} for {MethodId} was not delivered and has been revoked")]
    private static partial void LogUndeliveredRevoked(ILogger logger, Exception exception, OneTimeSecretKind kind, string secretId, string methodId);
}

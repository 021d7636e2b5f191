using Godwit.Core.Delivery;

namespace Godwit.Server.Delivery;

/// <summary>
/// Stands in for a channel nobody configured outside Development: the server still starts (a
/// password-only deployment needs neither channel), and a flow that needs the channel fails loudly
/// with the setting to fix instead of dropping the message.
/// </summary>
internal sealed class UnconfiguredSender(string reason) : IEmailSender, ISmsSender
{
    public const string NoSmtpHost = "no SMTP host configured: set Godwit:Email:Smtp:Host";
    public const string NoSmsWebhook = "no SMS webhook configured: set Godwit:Sms:WebhookUrl";

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        Task.FromException(new DeliveryFailedException(reason));

    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        Task.FromException(new DeliveryFailedException(reason));
}

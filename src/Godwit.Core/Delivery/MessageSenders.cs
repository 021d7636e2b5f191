namespace Godwit.Core.Delivery;

/// <summary>An email with the same content as plain text and HTML.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>The messaging channel a text goes out on; the SMS webhook is told which.</summary>
public enum TextChannel
{
    Sms,
    WhatsApp,
}

/// <summary>A text message to an E.164 phone number, by SMS unless <paramref name="Channel"/> says otherwise.</summary>
public sealed record SmsMessage(string To, string Body, TextChannel Channel = TextChannel.Sms);

/// <summary>Sends email. Throws <see cref="DeliveryFailedException"/> when the message was not accepted.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends SMS. Throws <see cref="DeliveryFailedException"/> when the message was not accepted.</summary>
public interface ISmsSender
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A message could not be handed to its channel. Infrastructure failure, so an exception: the
/// caller turns it into an error for the client and the message is never silently dropped.
/// </summary>
public sealed class DeliveryFailedException(string message, Exception? inner = null) : Exception(message, inner);

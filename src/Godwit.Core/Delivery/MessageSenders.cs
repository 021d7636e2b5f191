namespace Godwit.Core.Delivery;

/// <summary>An email with the same content as plain text and HTML.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

/// <summary>A text message to an E.164 phone number.</summary>
public sealed record SmsMessage(string To, string Body);

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

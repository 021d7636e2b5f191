using Godwit.Core.Delivery;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Godwit.Server.Delivery;

/// <summary>Hands each email to the configured SMTP relay on a connection of its own.</summary>
internal sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    // A login request waits on this send; a relay that hangs must fail the request, not hold it for
    // MailKit's default two minutes.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly EmailOptions options = options.Value;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Smtp;
        var host = smtp.Host ?? throw new InvalidOperationException("SmtpEmailSender needs Godwit:Email:Smtp:Host.");
        var port = smtp.ResolvedPort;
        var mime = Compose(message);

        // SmtpClient is not thread-safe, and a login email is rare enough that a fresh connection per
        // message is cheaper than pooling and recovering dropped connections.
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            // None when TLS is off: MailKit's default (Auto) would upgrade whenever STARTTLS is offered
            // and then fail on the self-signed certificate of a local relay (Mailpit, a dev Postfix).
            // StartTlsWhenAvailable when on: it encrypts with every relay that offers STARTTLS and still
            // delivers through internal relays that don't. It does not stop an active attacker from
            // stripping the STARTTLS offer; a relay reached over an untrusted network needs a
            // certificate-checked StartTls connection, which this option does not promise.
            var security = smtp.UseTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None;
            await client.ConnectAsync(host, port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The message body holds login codes and links and the options hold the password, so
            // neither goes into the log or the exception; the relay's own reply (in the inner
            // exception) says what went wrong.
            LogRelayFailed(logger, exception, host, port);
            throw new DeliveryFailedException($"email delivery through SMTP relay {host}:{port} failed", exception);
        }
    }

    private MimeMessage Compose(EmailMessage message)
    {
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        var mime = new MimeMessage { Subject = message.Subject, Body = body.ToMessageBody() };
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email delivery through SMTP relay {Host}:{Port} failed")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string host, int port);
}

namespace Godwit.Testing;

/// <summary>One message as it landed in one recipient's mailbox at the <see cref="SmtpSink"/>.</summary>
/// <param name="To">The envelope recipient (RCPT TO), which is where a real server would deliver it.</param>
public sealed record ReceivedEmail(string To, string From, string Subject, string? TextBody, string? HtmlBody);

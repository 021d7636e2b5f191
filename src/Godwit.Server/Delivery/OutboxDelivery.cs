using System.Text.Json;
using Godwit.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace Godwit.Server.Delivery;

/// <summary>
/// Development stand-in for both channels: every message becomes one JSON line in
/// <c>outbox.jsonl</c> in the data folder, and a log line.
/// </summary>
internal sealed partial class OutboxDelivery(string path, TimeProvider time, ILogger<OutboxDelivery> logger) : IEmailSender, ISmsSender, IDisposable
{
    public const string FileName = "outbox.jsonl";

    // Email and SMS share this one instance, and requests send concurrently: one writer at a time
    // keeps lines whole.
    private readonly SemaphoreSlim writeLock = new(1, 1);

    public string Path => path;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        await AppendAsync(new OutboxEntry(time.GetUtcNow().UtcDateTime, "email", message.To, message.Subject, message.TextBody), cancellationToken);
        // The body is logged on purpose, and only here: this sender exists only in Development, where
        // it lets a newcomer log in with a code or link from the console with no mail server installed.
        LogEmailWritten(logger, message.To, path, message.Subject, message.TextBody);
    }

    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var channel = SmsWebhookPayload.ChannelName(message.Channel);
        await AppendAsync(new OutboxEntry(time.GetUtcNow().UtcDateTime, channel, message.To, null, message.Body), cancellationToken);
        // Logged on purpose for the same Development-only reason as email.
        LogSmsWritten(logger, channel, message.To, path, message.Body);
    }

    public void Dispose() => writeLock.Dispose();

    private async Task AppendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, DeliveryJsonContext.Readable.OutboxEntry);
        var bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';

        await writeLock.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            // FileShare.Read lets `tail -f` follow the outbox (and keeps other writers out on Windows;
            // on Linux the lock is advisory, but one data folder belongs to one Godwit process anyway).
            // The line goes out in one unbuffered write so a reader never sees half of it.
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, useAsync: true);
            await stream.WriteAsync(bytes, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new DeliveryFailedException($"could not write to the development outbox {path}", exception);
        }
        finally
        {
            writeLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email to {To} written to {Outbox} (no SMTP host configured): {Subject}\n{Text}")]
    private static partial void LogEmailWritten(ILogger logger, string to, string outbox, string subject, string text);

    [LoggerMessage(Level = LogLevel.Information, Message = "Text ({Channel}) to {To} written to {Outbox} (no SMS webhook configured): {Text}")]
    private static partial void LogSmsWritten(ILogger logger, string channel, string to, string outbox, string text);
}

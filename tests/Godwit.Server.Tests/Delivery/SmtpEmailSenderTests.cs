using System.Net;
using Godwit.Core.Delivery;
using Godwit.Server.Delivery;
using Godwit.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.Delivery;

public sealed class SmtpEmailSenderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly EmailMessage LoginEmail = new(
        "Ada@Example.com",
        "Your Godwit login code",
        "Your code is 402917.",
        "<p>Your code is <b>402917</b>.</p>");

    private readonly RecordingLogger<SmtpEmailSender> logger = new();

    [Fact]
    public async Task Delivers_the_subject_and_both_bodies_to_the_recipient_through_the_relay()
    {
        await using var sink = await SmtpSink.StartAsync();
        var sender = Sender(new SmtpOptions { Host = sink.Host, Port = sink.Port });

        await sender.SendAsync(LoginEmail, TestContext.Current.CancellationToken);

        var received = await sink.WaitForMessageAsync("ada@example.com", Patience);
        Assert.Equal("Your Godwit login code", received.Subject);
        Assert.Equal("no-reply@godwit.test", received.From);
        Assert.Equal("Your code is 402917.", received.TextBody?.TrimEnd());
        Assert.Equal("<p>Your code is <b>402917</b>.</p>", received.HtmlBody?.TrimEnd());
    }

    [Fact]
    public async Task Logs_in_to_the_relay_when_a_username_is_configured()
    {
        await using var sink = await SmtpSink.StartAsync(new NetworkCredential("godwit", "relay-secret"));
        var sender = Sender(new SmtpOptions { Host = sink.Host, Port = sink.Port, Username = "godwit", Password = "relay-secret" });

        await sender.SendAsync(LoginEmail, TestContext.Current.CancellationToken);

        await sink.WaitForMessageAsync("ada@example.com", Patience);
    }

    [Fact]
    public async Task A_refused_login_fails_delivery_without_revealing_the_password()
    {
        await using var sink = await SmtpSink.StartAsync(new NetworkCredential("godwit", "relay-secret"));
        var sender = Sender(new SmtpOptions { Host = sink.Host, Port = sink.Port, Username = "godwit", Password = "wrong-secret" });

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => sender.SendAsync(LoginEmail, TestContext.Current.CancellationToken));

        Assert.Contains($"{sink.Host}:{sink.Port}", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", failure.ToString(), StringComparison.Ordinal);
        var warning = Assert.Single(logger.Entries);
        Assert.DoesNotContain("wrong-secret", warning.ToString(), StringComparison.Ordinal);
        Assert.Empty(sink.Received);
    }

    [Fact]
    public async Task A_relay_that_rejects_the_message_fails_delivery_and_logs_a_warning_without_the_body()
    {
        await using var sink = await SmtpSink.StartAsync();
        sink.RejectMessages = true;
        var sender = Sender(new SmtpOptions { Host = sink.Host, Port = sink.Port });

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => sender.SendAsync(LoginEmail, TestContext.Current.CancellationToken));

        Assert.Contains($"{sink.Host}:{sink.Port}", failure.Message, StringComparison.Ordinal);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains($"{sink.Host}:{sink.Port}", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("402917", warning.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("402917", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_is_not_listening_fails_delivery_naming_host_and_port()
    {
        var port = FreePort.Next();
        var sender = Sender(new SmtpOptions { Host = "127.0.0.1", Port = port });

        var failure = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => sender.SendAsync(LoginEmail, TestContext.Current.CancellationToken));

        Assert.Contains($"127.0.0.1:{port}", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(failure.InnerException);
    }

    [Theory]
    [InlineData(false, 25)]
    [InlineData(true, 587)]
    public void The_relay_port_defaults_to_submission_with_tls_and_to_25_without(bool useTls, int expectedPort) =>
        Assert.Equal(expectedPort, new SmtpOptions { Host = "mail.example.com", UseTls = useTls }.ResolvedPort);

    private SmtpEmailSender Sender(SmtpOptions smtp) =>
        new(Options.Create(new EmailOptions { From = "Godwit <no-reply@godwit.test>", Smtp = smtp }), logger);
}

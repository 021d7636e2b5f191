using System.Text.Json;
using Godwit.Core.Delivery;
using Godwit.Server.Delivery;
using Godwit.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Delivery;

public sealed class OutboxDeliveryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("godwit-outbox-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero));
    private readonly RecordingLogger<OutboxDelivery> logger = new();

    private string OutboxPath => Path.Combine(folder, OutboxDelivery.FileName);

    [Fact]
    public async Task Writes_each_email_and_sms_as_one_json_line_in_the_data_folder()
    {
        using var outbox = new OutboxDelivery(OutboxPath, time, logger);

        await outbox.SendAsync(new EmailMessage("ada@example.com", "Your code", "Code 402917", "<p>Code 402917</p>"), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromSeconds(1));
        await outbox.SendAsync(new SmsMessage("+15005550006", "Code 118224"), TestContext.Current.CancellationToken);

        var lines = await File.ReadAllLinesAsync(OutboxPath, TestContext.Current.CancellationToken);
        Assert.Equal(2, lines.Length);
        using (var email = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(
                [("sent_at", "2026-03-14T15:09:26Z"), ("channel", "email"), ("to", "ada@example.com"), ("subject", "Your code"), ("text", "Code 402917")],
                Fields(email));
        }

        using var sms = JsonDocument.Parse(lines[1]);
        Assert.Equal(
            [("sent_at", "2026-03-14T15:09:27Z"), ("channel", "sms"), ("to", "+15005550006"), ("subject", null), ("text", "Code 118224")],
            Fields(sms));
    }

    [Fact]
    public async Task Logs_where_each_message_went_with_its_text_so_a_developer_can_log_in()
    {
        using var outbox = new OutboxDelivery(OutboxPath, time, logger);

        await outbox.SendAsync(new SmsMessage("+15005550006", "Code 118224"), TestContext.Current.CancellationToken);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains(OutboxPath, entry.Message, StringComparison.Ordinal);
        Assert.Contains("Code 118224", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_messages_each_land_on_a_whole_line_of_their_own()
    {
        using var outbox = new OutboxDelivery(OutboxPath, time, logger);
        var longText = new string('x', 20_000);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => i % 2 == 0
            ? outbox.SendAsync(new EmailMessage($"user{i}@example.com", "Subject", longText, longText), TestContext.Current.CancellationToken)
            : outbox.SendAsync(new SmsMessage($"+1500555{i:D4}", longText), TestContext.Current.CancellationToken)));

        var lines = await File.ReadAllLinesAsync(OutboxPath, TestContext.Current.CancellationToken);
        Assert.Equal(40, lines.Length);
        var recipients = lines.Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(longText, json.RootElement.GetProperty("text").GetString());
            return json.RootElement.GetProperty("to").GetString();
        });
        Assert.Equal(40, recipients.Distinct().Count());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static IEnumerable<(string Name, string? Value)> Fields(JsonDocument json) =>
        json.RootElement.EnumerateObject().Select(property => (property.Name, property.Value.GetString())).ToList();
}

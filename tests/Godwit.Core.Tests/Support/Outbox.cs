using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Godwit.Core.Delivery;

namespace Godwit.Core.Tests.Support;

/// <summary>
/// The email and SMS channels of the Core services under test: keeps every message so a test can
/// read the link or passcode it carries, and fails deliveries to the addresses it is told to.
/// </summary>
public sealed partial class Outbox : IEmailSender, ISmsSender
{
    private readonly ConcurrentQueue<(string To, string Body)> sent = new();
    private readonly ConcurrentDictionary<string, bool> failing = new(StringComparer.Ordinal);

    /// <summary>Every later message to <paramref name="address"/> fails as an unreachable channel would.</summary>
    public void FailDeliveriesTo(string address) => failing[address] = true;

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => Keep(message.To, message.TextBody);

    public Task SendAsync(SmsMessage message, CancellationToken cancellationToken) => Keep(message.To, message.Body);

    /// <summary>The token of the newest link sent to the address.</summary>
    public string LastToken(string address) => LastMatch(address, TokenPattern());

    /// <summary>The six-digit code of the newest passcode sent to the address.</summary>
    public string LastCode(string address) => LastMatch(address, CodePattern());

    private Task Keep(string to, string body)
    {
        if (failing.ContainsKey(to))
        {
            throw new DeliveryFailedException($"The test refused delivery to {to}.");
        }

        sent.Enqueue((to, body));
        return Task.CompletedTask;
    }

    private string LastMatch(string address, Regex pattern) =>
        sent.Where(m => m.To == address).Select(m => pattern.Match(m.Body)).LastOrDefault(m => m.Success)?.Groups[1].Value
        ?? throw new InvalidOperationException($"Nothing was sent to {address}.");

    [GeneratedRegex(@"[?&]token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"code is (\d{6})\.")]
    private static partial Regex CodePattern();
}

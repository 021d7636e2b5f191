using System.Text.Json;
using System.Text.RegularExpressions;
using Godwit.Testing;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.MagicLinks;

/// <summary>Reads magic link tokens and passcodes out of what the sinks received.</summary>
internal static partial class Inbox
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static Task<ReceivedEmail> EmailAsync(this GodwitHost host, string to) => host.Smtp.WaitForMessageAsync(to, Wait);

    /// <summary>The token in the next magic link email to <paramref name="to"/>.</summary>
    public static async Task<string> LinkTokenAsync(this GodwitHost host, string to) => TokenIn(await host.EmailAsync(to));

    public static string TokenIn(ReceivedEmail email) => TokenPattern().Match(email.TextBody!) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"no magic link token in: {email.TextBody}");

    /// <summary>The code in the next passcode email to <paramref name="to"/>.</summary>
    public static async Task<string> EmailCodeAsync(this GodwitHost host, string to) => CodeIn((await host.EmailAsync(to)).TextBody!);

    /// <summary>The code in the latest text message the SMS webhook received for <paramref name="to"/>.</summary>
    public static string SmsCode(this GodwitHost host, string to) => CodeIn(SmsBodies(host, to)[^1]);

    public static IReadOnlyList<string> SmsBodies(this GodwitHost host, string to) => host.Sms.Requests
        .Select(request => JsonDocument.Parse(request.Body).RootElement)
        .Where(json => json.GetProperty("to").GetString() == to)
        .Select(json => json.GetProperty("body").GetString()!)
        .ToList();

    public static int EmailsTo(this GodwitHost host, string to) =>
        host.Smtp.Received.Count(email => string.Equals(email.To, to, StringComparison.OrdinalIgnoreCase));

    /// <summary>Logs a new user in by magic link with a session, as an application would.</summary>
    public static async Task<ApiAnswer> LogInByMagicLinkAsync(this GodwitHost host, string email)
    {
        var sent = await host.Client.PostAsync("/v1/magic_links/email/login_or_create", new { email });
        Assert.Equal(System.Net.HttpStatusCode.OK, sent.Status);
        var token = await host.LinkTokenAsync(email);
        var answer = await host.Client.PostAsync("/v1/magic_links/authenticate", new { token, session_duration_minutes = 60 });
        Assert.Equal(System.Net.HttpStatusCode.OK, answer.Status);
        return answer;
    }

    private static string CodeIn(string text) => CodePattern().Match(text) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"no passcode in: {text}");

    [GeneratedRegex("[?&]stytch_token_type=magic_links&token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"code is (\d{6})\.")]
    private static partial Regex CodePattern();
}

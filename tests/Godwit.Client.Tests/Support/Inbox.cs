using System.Text.Json;
using System.Text.RegularExpressions;
using Godwit.Testing.Hosting;

namespace Godwit.Tests.Support;

/// <summary>Reads magic link tokens and passcodes out of what the real SMTP server and SMS webhook received.</summary>
internal static partial class Inbox
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>The code in the next passcode email to <paramref name="to"/>.</summary>
    public static async Task<string> EmailCodeAsync(this GodwitHost host, string to) =>
        Match(CodePattern(), (await host.Smtp.WaitForMessageAsync(to, Wait)).TextBody!);

    /// <summary>The token in the next magic link email to <paramref name="to"/>.</summary>
    public static async Task<string> LinkTokenAsync(this GodwitHost host, string to) =>
        Match(TokenPattern(), (await host.Smtp.WaitForMessageAsync(to, Wait)).TextBody!);

    /// <summary>The code in the latest text message to <paramref name="to"/>.</summary>
    public static string SmsCode(this GodwitHost host, string to) => Match(CodePattern(), host.Sms.Requests
        .Select(request => JsonDocument.Parse(request.Body).RootElement)
        .Where(json => json.GetProperty("to").GetString() == to)
        .Select(json => json.GetProperty("body").GetString()!)
        .Last());

    private static string Match(Regex pattern, string text) => pattern.Match(text) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException($"nothing matching {pattern} in: {text}");

    [GeneratedRegex("[?&]stytch_token_type=magic_links&token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"code is (\d{6})\.")]
    private static partial Regex CodePattern();
}

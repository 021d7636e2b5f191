using System.Net;
using System.Text.RegularExpressions;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Integrity;

/// <summary>What an attacker and the rightful owner of an address do in the account-integrity tests.</summary>
internal static partial class Evidence
{
    public const string AttackerPassword = "attacker chose this password 4 u 2026";
    public const string OwnerPassword = "the rightful owner's own password 1926";
    public const string ResetUrl = "https://app.example/reset";

    /// <summary>Someone who does not own the email signs up with it and a password, and gets a session.</summary>
    public static async Task<ApiAnswer> PreRegisterAsync(GodwitHost host, string email)
    {
        var created = await host.Client.PostAsync("/v1/passwords", new { email, password = AttackerPassword, session_duration_minutes = 60 });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return created;
    }

    public static Task<ApiAnswer> PasswordLoginAsync(GodwitHost host, string email, string password) =>
        host.Client.PostAsync("/v1/passwords/authenticate", new { email, password });

    public static Task<ApiAnswer> CheckSessionAsync(GodwitHost host, string sessionToken) =>
        host.Client.PostAsync("/v1/sessions/authenticate", new { session_token = sessionToken });

    public static async Task<string> ResetTokenAsync(GodwitHost host, string email)
    {
        var text = (await host.EmailAsync(email)).TextBody!;
        return ResetToken().Match(text) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"no reset token in: {text}");
    }

    [GeneratedRegex("[?&]stytch_token_type=reset_password&token=([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetToken();
}

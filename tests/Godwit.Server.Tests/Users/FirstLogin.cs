using System.Net;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;

namespace Godwit.Server.Tests.Users;

/// <summary>A user after their first login, as second factors require: active, email verified, with a session.</summary>
internal sealed record LoggedIn(string UserId, string Email, string SessionToken, string SessionJwt);

internal static class FirstLogin
{
    /// <summary>Creates a pending user by sending an email code, then logs them in with the code from the SMTP sink.</summary>
    public static async Task<LoggedIn> ByEmailCodeAsync(GodwitHost host, string? email = null)
    {
        email ??= ApiCalls.UniqueEmail("second-factor");
        var sent = await host.Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        Assert.True(sent.Status == HttpStatusCode.OK, sent.ToString());
        return await CompleteAsync(host, email, sent.Text("email_id"));
    }

    /// <summary>Logs in a user who already exists (pending or not) by a code sent to their email.</summary>
    public static async Task<LoggedIn> CompleteAsync(GodwitHost host, string email, string emailId)
    {
        var code = await host.EmailCodeAsync(email);
        var answer = await host.Client.PostAsync("/v1/otps/authenticate", new { method_id = emailId, code, session_duration_minutes = 60 });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return new LoggedIn(answer.Text("user_id"), email, answer.Text("session_token"), answer.Text("session_jwt"));
    }
}

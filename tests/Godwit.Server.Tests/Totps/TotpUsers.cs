using System.Net;
using Godwit.Core.Totps;
using Godwit.Server.Tests.MagicLinks;
using Godwit.Storage;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Godwit.Server.Tests.Totps;

/// <summary>A user who logged in by email passcode, and the session that login started.</summary>
internal sealed record LoggedInUser(string UserId, string Email, string SessionToken, string SessionJwt, string SessionId);

/// <summary>A TOTP as create returned it.</summary>
internal sealed record NewTotp(string TotpId, string Secret, IReadOnlyList<string> RecoveryCodes, ApiAnswer Answer);

/// <summary>Users brought to the point a TOTP test starts from, through the real endpoints.</summary>
internal static class TotpUsers
{
    /// <summary>
    /// A new user whose first login was an email passcode with a session: active, email verified,
    /// so the second-factor enrolment rule admits them.
    /// </summary>
    public static async Task<LoggedInUser> LogInAsync(GodwitHost host)
    {
        var email = ApiCalls.UniqueEmail();
        var sent = await host.Client.PostAsync("/v1/otps/email/login_or_create", new { email });
        Assert.True(sent.Status == HttpStatusCode.OK, sent.ToString());
        var code = await host.EmailCodeAsync(email);
        var answer = await host.Client.PostAsync("/v1/otps/authenticate", new { method_id = sent.Text("email_id"), code, session_duration_minutes = 60 });
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return new LoggedInUser(answer.Text("user_id"), email, answer.Text("session_token"), answer.Text("session_jwt"), answer.Body.GetProperty("session").GetProperty("session_id").GetString()!);
    }

    public static async Task<NewTotp> CreateAsync(GodwitHost host, string userId, int? expirationMinutes = null)
    {
        var created = expirationMinutes is { } minutes
            ? await host.Client.PostAsync("/v1/totps", new { user_id = userId, expiration_minutes = minutes })
            : await host.Client.PostAsync("/v1/totps", new { user_id = userId });
        Assert.True(created.Status == HttpStatusCode.OK, created.ToString());
        return new NewTotp(
            created.Text("totp_id"),
            created.Text("secret"),
            created.Body.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList(),
            created);
    }

    /// <summary>
    /// A logged-in user with a verified TOTP. The verifying code is the previous step's, so the
    /// current step's code is still unused when the test begins.
    /// </summary>
    public static async Task<(LoggedInUser User, NewTotp Totp)> EnrolAsync(GodwitHost host, FakeTimeProvider clock)
    {
        var user = await LogInAsync(host);
        var totp = await CreateAsync(host, user.UserId);
        var code = await Otplib.CodeAsync(totp.Secret, clock.GetUtcNow().AddSeconds(-30));
        var verified = await host.Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = code });
        Assert.True(verified.Status == HttpStatusCode.OK, verified.ToString());
        return (user, totp);
    }

    public static async Task<List<UserTotp>> RowsAsync(GodwitHost host, string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Set<UserTotp>().AsNoTracking()
            .Where(t => t.UserId == userId).ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<List<TotpRecoveryCode>> RecoveryRowsAsync(GodwitHost host, string totpId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GodwitDbContext>().Set<TotpRecoveryCode>().AsNoTracking()
            .Where(c => c.TotpId == totpId).ToListAsync(TestContext.Current.CancellationToken);
    }
}

using System.Text.Json.Nodes;
using Godwit.Core.Sessions;
using Godwit.Core.Users;
using Godwit.Server.Tests.Users;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Sessions;

internal sealed record StartedSession(string UserId, string EmailId, string Email, string SessionId, string Token, string Jwt);

/// <summary>Starts sessions for tests.</summary>
internal static class TestSessions
{
    /// <summary>Creates a user with a fresh email and starts a session for them.</summary>
    public static async Task<StartedSession> StartAsync(GodwitHost host, int minutes = 60, JsonObject? customClaims = null)
    {
        var userId = await TestUsers.CreateIdAsync(host.Client, new { email = ApiCalls.UniqueEmail("session") });
        return await StartForAsync(host, userId, minutes, customClaims);
    }

    /// <summary>
    /// Records an email magic-link factor for the user, which starts a session. In production the
    /// passwordless endpoints call the same <see cref="SessionService.RecordFactorAsync"/>; they are
    /// not part of these tests, so the service is called directly in a scope of the running host,
    /// against its real database.
    /// </summary>
    public static async Task<StartedSession> StartForAsync(GodwitHost host, string userId, int minutes = 60, JsonObject? customClaims = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<IUserStore>().FindAsync(userId, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"No user {userId}.");
        var email = user.Emails[0];
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var factor = new AuthenticationFactor("magic_link", "email", now, now, new EmailFactor(email.EmailId, email.Address));

        var result = await services.GetRequiredService<SessionService>().RecordFactorAsync(
            user, factor, new SessionRequest(minutes, null, null, customClaims), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error?.ErrorType);
        var issued = result.Value!;
        return new StartedSession(userId, email.EmailId, email.Address, issued.Session.SessionId, issued.SessionToken, issued.SessionJwt);
    }
}

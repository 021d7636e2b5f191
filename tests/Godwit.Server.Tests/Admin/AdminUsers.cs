using System.Net;
using Godwit.Core.Admin;
using Godwit.Core.Users;
using Godwit.Server.Tests.Totps;
using Godwit.Testing.Hosting;
using Godwit.Testing.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Godwit.Server.Tests.Admin;

/// <summary>An admin with a verified TOTP, made as <c>godwit admin create</c> makes one (the role in the stored roles).</summary>
internal sealed record TestAdmin(string UserId, string Email, string TotpSecret);

internal static class AdminUsers
{
    /// <summary>
    /// A user who logged in by email code, enrolled a TOTP (verified with the current step's code, so a
    /// later sign-in uses the next step's) and was made an admin.
    /// </summary>
    public static async Task<TestAdmin> CreateAsync(GodwitHost host)
    {
        var user = await TotpUsers.LogInAsync(host);
        var totp = await TotpUsers.CreateAsync(host, user.UserId);
        var code = await Otplib.CodeAsync(totp.Secret, DateTimeOffset.UtcNow);
        var verified = await host.Client.PostAsync("/v1/totps/authenticate", new { user_id = user.UserId, totp_code = code });
        Assert.True(verified.Status == HttpStatusCode.OK, verified.ToString());
        await GrantAsync(host, user.UserId);
        return new TestAdmin(user.UserId, user.Email, totp.Secret);
    }

    public static async Task GrantAsync(GodwitHost host, string userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserStore>();
        var user = (await users.FindAsync(userId, TestContext.Current.CancellationToken))!;
        user.Roles = [.. user.Roles.Append(AdminRole.Id).Order(StringComparer.Ordinal)];
        Assert.Null(await users.SaveAsync(TestContext.Current.CancellationToken));
    }
}

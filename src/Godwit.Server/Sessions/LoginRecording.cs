using Godwit.Core.Sessions;
using Godwit.Server.Http;

namespace Godwit.Server.Sessions;

/// <summary>
/// Marks an endpoint as a login with a factor: a success is recorded where the factor lands in a
/// session (<see cref="SessionService"/>), and any error the handler answers, a 429 or a locked
/// account included, as one <c>login.failed</c> whose reason is the error_type. The group's event
/// recording then commits it, whether or not a budget row was written on the way.
/// </summary>
internal static class LoginRecording
{
    public const string MagicLink = "magic_link";
    public const string Otp = "otp";
    public const string Password = "password";
    public const string Totp = "totp";
    public const string RecoveryCode = "recovery_code";
    public const string WebAuthn = "webauthn";
    public const string Biometric = "biometric";
    public const string OAuth = "oauth";
    public const string Impersonation = "impersonation";
    public const string SessionMigration = "session_migration";

    public static RouteHandlerBuilder RecordsLogin(this RouteHandlerBuilder endpoint, string factor) =>
        endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            var services = invocation.HttpContext.RequestServices;
            services.GetRequiredService<LoginAttempt>().Factor = factor;
            var result = await next(invocation);
            if (ApiResults.ErrorOf(result) is { } error)
            {
                services.GetRequiredService<SessionEvents>().LoginFailed(error);
            }

            return result;
        });
}

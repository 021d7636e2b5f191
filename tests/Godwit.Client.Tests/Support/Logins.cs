using Godwit.Client;
using Godwit.Contracts.MagicLinks;
using Godwit.Contracts.Otps;
using Godwit.Testing.Hosting;

namespace Godwit.Tests.Support;

/// <summary>Real logins against a real Godwit, as an application makes them.</summary>
internal static class Logins
{
    /// <summary>An email passcode login: the user it returns has that email verified.</summary>
    public static async Task<FactorAuthenticateResponse> ByEmailCodeAsync(this GodwitClient client, GodwitHost host, string email, int sessionMinutes = 60)
    {
        var sent = await client.Otps.Email.LoginOrCreateAsync(new EmailOtpLoginOrCreateRequest { Email = email });
        var code = await host.EmailCodeAsync(email);
        return await client.Otps.AuthenticateAsync(new OtpAuthenticateRequest { MethodId = sent.EmailId, Code = code, SessionDurationMinutes = sessionMinutes });
    }

    /// <summary>An SMS passcode login: the user it returns has that number verified.</summary>
    public static async Task<FactorAuthenticateResponse> BySmsCodeAsync(this GodwitClient client, GodwitHost host, string phone, int sessionMinutes = 60)
    {
        var sent = await client.Otps.Sms.LoginOrCreateAsync(new SmsOtpLoginOrCreateRequest { PhoneNumber = phone });
        return await client.Otps.AuthenticateAsync(new OtpAuthenticateRequest { MethodId = sent.PhoneId, Code = host.SmsCode(phone), SessionDurationMinutes = sessionMinutes });
    }
}

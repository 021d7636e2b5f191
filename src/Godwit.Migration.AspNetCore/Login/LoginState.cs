using Microsoft.AspNetCore.DataProtection;

namespace Godwit.Migration.AspNetCore.Login;

/// <summary>
/// What the code form carries between the two steps (the email_id the code went to, the address,
/// the return URL), sealed with data protection and good for 15 minutes, so the browser can
/// neither read nor alter it.
/// </summary>
internal sealed record LoginState(string MethodId, string Email, string ReturnUrl)
{
    private const string Purpose = "Godwit.Migration.AspNetCore.Login.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public string Seal(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Protect($"{MethodId}\n{Email}\n{ReturnUrl}", Lifetime);

    public static LoginState? Open(IDataProtectionProvider protection, string? sealedState)
    {
        if (string.IsNullOrEmpty(sealedState))
        {
            return null;
        }

        try
        {
            var parts = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector().Unprotect(sealedState).Split('\n');
            return parts.Length == 3 ? new LoginState(parts[0], parts[1], parts[2]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Tampered with, expired, or sealed under keys this application no longer has.
            return null;
        }
    }

    /// <summary>Only a path on this site: an absolute or protocol-relative URL would make the login an open redirect.</summary>
    public static string LocalOr(string? url, string fallback) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : fallback;
}

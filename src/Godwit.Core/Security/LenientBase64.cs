namespace Godwit.Core.Security;

/// <summary>
/// Binary fields clients send as text: base64url as browsers write WebAuthn JSON, or standard base64 as
/// mobile SDKs and Stytch's non-url encoding do, padded or not. Either decodes; whitespace never does.
/// </summary>
public static class LenientBase64
{
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length == 0 || text.Length > 64 * 1024 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var standard = text.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        if (standard.Length % 4 == 1)
        {
            return false;
        }

        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var buffer = new byte[standard.Length / 4 * 3];
        if (!Convert.TryFromBase64String(standard, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}

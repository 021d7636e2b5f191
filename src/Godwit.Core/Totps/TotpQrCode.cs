using QRCoder;

namespace Godwit.Core.Totps;

/// <summary>What an authenticator app scans: the otpauth URI of a secret, drawn as a PNG QR code.</summary>
public static class TotpQrCode
{
    /// <summary>
    /// The Key URI of Google Authenticator's format, which every authenticator app reads:
    /// <c>otpauth://totp/Issuer:account?secret=…&amp;issuer=Issuer</c>. The defaults it leaves out
    /// (SHA-1, six digits, 30 seconds) are the ones Godwit uses. The issuer is in the label and the
    /// parameter both, as the format recommends for older apps.
    /// </summary>
    public static string OtpAuthUri(string issuer, string account, string base32Secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}";

    /// <summary>A <c>data:image/png;base64,</c> URL of the QR code, ready for an <c>img</c> element.</summary>
    public static string PngDataUrl(string text)
    {
        var png = PngByteQRCodeHelper.GetQRCode(text, QRCodeGenerator.ECCLevel.M, 6, drawQuietZones: true);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}

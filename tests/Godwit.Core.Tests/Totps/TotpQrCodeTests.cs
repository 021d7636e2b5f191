using Godwit.Core.Totps;

namespace Godwit.Core.Tests.Totps;

public sealed class TotpQrCodeTests
{
    [Fact]
    public void The_otpauth_uri_escapes_issuer_and_account_and_repeats_the_issuer()
    {
        var uri = TotpQrCode.OtpAuthUri("Acme Corp", "ada+totp@example.com", "JBSWY3DPEHPK3PXP");

        Assert.Equal("otpauth://totp/Acme%20Corp:ada%2Btotp%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp", uri);
    }

    [Fact]
    public void The_qr_code_is_a_png_data_url()
    {
        var url = TotpQrCode.PngDataUrl("otpauth://totp/Godwit:ada?secret=JBSWY3DPEHPK3PXP&issuer=Godwit");

        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        var png = Convert.FromBase64String(url["data:image/png;base64,".Length..]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }
}

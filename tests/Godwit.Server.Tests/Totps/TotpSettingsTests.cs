using System.Net;
using Godwit.Core.Totps;
using Godwit.Server.Totps;
using Godwit.Testing.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Godwit.Server.Tests.Totps;

public sealed class TotpSettingsTests
{
    [Fact]
    public async Task The_configured_issuer_names_the_account_in_the_qr_code()
    {
        await using var host = await GodwitHost.StartAsync(new GodwitHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Godwit:Totps:Issuer"] = "Acme Corp" },
        });
        var user = await TotpUsers.LogInAsync(host);

        var totp = await TotpUsers.CreateAsync(host, user.UserId);

        var png = Convert.FromBase64String(totp.Answer.Text("qr_code")["data:image/png;base64,".Length..]);
        var expectedUri = $"otpauth://totp/Acme%20Corp:{user.Email.Replace("@", "%40", StringComparison.Ordinal)}?secret={totp.Secret}&issuer=Acme%20Corp";
        Assert.Equal(HttpStatusCode.OK, totp.Answer.Status);
        Assert.Equal(PngByteQRCodeHelper.GetQRCode(expectedUri, QRCodeGenerator.ECCLevel.M, 6, drawQuietZones: true), png);
    }

    [Theory]
    [InlineData("Godwit:Totps:Issuer", "Acme:Corp")]
    [InlineData("Godwit:Totps:MaxAttempts", "0")]
    [InlineData("Godwit:Totps:AttemptWindow", "00:00:10")]
    public void A_bad_setting_is_rejected_at_startup(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddGodwitTotps(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TotpOptions>>().Value);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}

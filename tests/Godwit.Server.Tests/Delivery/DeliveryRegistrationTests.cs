using Godwit.Core.Delivery;
using Godwit.Server.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Godwit.Server.Tests.Delivery;

public sealed class DeliveryRegistrationTests
{
    private static readonly EmailMessage Email = new("ada@example.com", "Subject", "text", "<p>html</p>");
    private static readonly SmsMessage Sms = new("+15005550006", "text");

    [Fact]
    public void A_configured_smtp_host_and_webhook_select_the_real_senders_in_any_environment()
    {
        using var services = Build(Environments.Development, new()
        {
            ["Godwit:Email:Smtp:Host"] = "mail.example.com",
            ["Godwit:Sms:WebhookUrl"] = "https://sms.example.com/hook",
        });

        Assert.IsType<SmtpEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.IsType<WebhookSmsSender>(services.GetRequiredService<ISmsSender>());
    }

    [Fact]
    public void Development_without_a_relay_or_webhook_sends_both_channels_to_one_outbox_in_the_data_folder()
    {
        using var services = Build(Environments.Development, []);

        var email = Assert.IsType<OutboxDelivery>(services.GetRequiredService<IEmailSender>());
        Assert.Same(email, services.GetRequiredService<ISmsSender>());
        Assert.Equal(Path.Combine("/data/godwit", OutboxDelivery.FileName), email.Path);
    }

    [Fact]
    public async Task Production_without_a_relay_or_webhook_fails_each_send_with_the_setting_to_fix()
    {
        using var services = Build(Environments.Production, []);

        var email = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => services.GetRequiredService<IEmailSender>().SendAsync(Email, TestContext.Current.CancellationToken));
        var sms = await Assert.ThrowsAsync<DeliveryFailedException>(
            () => services.GetRequiredService<ISmsSender>().SendAsync(Sms, TestContext.Current.CancellationToken));

        Assert.Equal("no SMTP host configured: set Godwit:Email:Smtp:Host", email.Message);
        Assert.Equal("no SMS webhook configured: set Godwit:Sms:WebhookUrl", sms.Message);
    }

    [Fact]
    public void The_email_settings_bind_from_the_godwit_email_section()
    {
        using var services = Build(Environments.Production, new()
        {
            ["Godwit:Email:From"] = "Acme <login@acme.test>",
            ["Godwit:Email:Smtp:Host"] = "mail.acme.test",
            ["Godwit:Email:Smtp:Port"] = "2525",
            ["Godwit:Email:Smtp:Username"] = "acme",
            ["Godwit:Email:Smtp:UseTls"] = "true",
        });

        var options = services.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal("Acme <login@acme.test>", options.From);
        Assert.Equal(("mail.acme.test", 2525, "acme", true), (options.Smtp.Host, options.Smtp.ResolvedPort, options.Smtp.Username, options.Smtp.UseTls));
    }

    [Theory]
    [InlineData("Godwit:Sms:WebhookUrl", "ftp://sms.example.com/hook")]
    [InlineData("Godwit:Email:From", "not an address")]
    [InlineData("Godwit:Email:Smtp:Port", "70000")]
    public void A_malformed_delivery_setting_is_rejected_when_the_options_are_first_used(string key, string value)
    {
        using var services = Build(Environments.Production, new() { [key] = value });

        Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<EmailOptions>>().Value;
            _ = services.GetRequiredService<IOptions<SmsOptions>>().Value;
        });
    }

    private static ServiceProvider Build(string environmentName, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = new HostingEnvironment { EnvironmentName = environmentName };
        return new ServiceCollection()
            .AddLogging()
            .AddGodwitDelivery(configuration, environment, "/data/godwit")
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

using Godwit.Core.Delivery;
using Godwit.Core.Delivery.Templates;
using Godwit.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Godwit.Server.Delivery;

/// <summary>Registers how email and SMS leave Godwit.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/> and <see cref="ISmsSender"/>: SMTP when
    /// <c>Godwit:Email:Smtp:Host</c> is set and the SMS webhook when <c>Godwit:Sms:WebhookUrl</c> is
    /// set; otherwise, in Development, a JSON-lines outbox in <paramref name="dataFolder"/>, and
    /// elsewhere a sender that fails with the setting to fix. Registers the messages' templates
    /// (<c>Godwit:Messages</c>), checked at startup.
    /// </summary>
    public static IServiceCollection AddGodwitDelivery(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataFolder)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .Validate(EmailOptions.HasValidFrom, "Godwit:Email:From must be an email address such as \"Godwit <no-reply@example.com>\".")
            .Validate(EmailOptions.HasValidPort, "Godwit:Email:Smtp:Port must be a TCP port between 1 and 65535.")
            .ValidateOnStart();
        services.AddOptions<SmsOptions>()
            .Bind(configuration.GetSection(SmsOptions.SectionName))
            .Validate(SmsOptions.IsValid, "Godwit:Sms:WebhookUrl must be an absolute http or https URL.")
            .ValidateOnStart();

        // The templates are compiled once to check them at startup, and again for the composer: a
        // template that does not parse stops the server with its setting's name.
        services.AddValidatedOptions<MessageOptions>(
            configuration.GetSection(MessageOptions.SectionName),
            options => options.Problem() ?? MessageTemplates.Compile(options, environment.ContentRootPath).Problem);
        services.AddSingleton(provider => new MessageComposer(
            MessageTemplates.Compile(provider.GetRequiredService<MessageOptions>(), environment.ContentRootPath).Templates!,
            provider.GetRequiredService<MessageOptions>()));

        var hasSmtpHost = !string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.SectionName}:Smtp:Host"]);
        var hasSmsWebhook = !string.IsNullOrWhiteSpace(configuration[$"{SmsOptions.SectionName}:WebhookUrl"]);
        var useOutbox = environment.IsDevelopment();
        if (useOutbox && (!hasSmtpHost || !hasSmsWebhook))
        {
            services.AddSingleton(provider => new OutboxDelivery(
                Path.Combine(dataFolder, OutboxDelivery.FileName),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<OutboxDelivery>>()));
        }

        if (hasSmtpHost)
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else if (useOutbox)
        {
            services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<OutboxDelivery>());
        }
        else
        {
            services.AddSingleton<IEmailSender>(new UnconfiguredSender(UnconfiguredSender.NoSmtpHost));
        }

        if (hasSmsWebhook)
        {
            services.AddHttpClient<ISmsSender, WebhookSmsSender>(client => client.Timeout = WebhookSmsSender.Timeout);
        }
        else if (useOutbox)
        {
            services.AddSingleton<ISmsSender>(provider => provider.GetRequiredService<OutboxDelivery>());
        }
        else
        {
            services.AddSingleton<ISmsSender>(new UnconfiguredSender(UnconfiguredSender.NoSmsWebhook));
        }

        return services;
    }
}

using System.Net;
using System.Net.Sockets;
using Godwit.Core.Webhooks;
using Godwit.Server.Hosting;

namespace Godwit.Server.Webhooks;

internal static class WebhookServiceCollectionExtensions
{
    public const string ClientName = "webhooks";

    /// <summary>Registers the webhooks API's use cases, the delivery client and the dispatcher, from <c>Godwit:Webhooks</c>.</summary>
    public static IServiceCollection AddGodwitWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhookOptions>(configuration.GetSection(WebhookOptions.SectionName), options => options.Problem());
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddScoped<WebhookEndpoints>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookQueueSnapshot>();
        services.AddSingleton<Telemetry.IWebhookQueueGauge>(provider => provider.GetRequiredService<WebhookQueueSnapshot>());
        services.AddHostedService<WebhookDispatcher>();
        services.AddHttpClient(ClientName, (provider, client) => client.Timeout = provider.GetRequiredService<WebhookOptions>().RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => Handler(provider.GetRequiredService<WebhookUrlPolicy>()));
        return services;
    }

    /// <summary>
    /// Follows no redirect (a redirect could lead anywhere, past the URL's checks), and checks the
    /// address of every connection, so a host name that resolves to a forbidden address is refused
    /// at the moment it would be reached, whatever it resolved to when the URL was saved.
    /// </summary>
    private static SocketsHttpHandler Handler(WebhookUrlPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            var allowed = addresses.Where(policy.IsAllowed).ToList();
            if (allowed.Count == 0)
            {
                throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves to no address Godwit may post to (link-local, metadata or private).");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync([.. allowed], context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

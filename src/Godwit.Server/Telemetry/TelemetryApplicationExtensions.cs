using System.Net;
using OpenTelemetry.Metrics;

namespace Godwit.Server.Telemetry;

internal static class TelemetryApplicationExtensions
{
    /// <summary>
    /// Starts the gauges and, when <c>Godwit:Telemetry:Prometheus:Enabled</c>, answers scrapes at its
    /// path. The scrape is outside Basic auth and the rate limits (a scraper holds no project secret):
    /// addresses outside <c>AllowedAddresses</c> fall through to the 404 any unknown path gets.
    /// </summary>
    public static void UseGodwitTelemetry(this WebApplication app)
    {
        app.Services.GetRequiredService<TelemetryGauges>();
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (!options.Prometheus.Enabled)
        {
            return;
        }

        var path = new PathString(options.Prometheus.Path);
        var allowed = options.Prometheus.AllowedNetworks();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == path && Allowed(allowed, context.Connection.RemoteIpAddress),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    private static bool Allowed(IReadOnlyList<IPNetwork> allowed, IPAddress? address)
    {
        if (allowed.Count == 0)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(network => network.Contains(address));
    }
}

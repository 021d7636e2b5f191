using Godwit.Core.Events;
using Godwit.Core.Telemetry;
using Godwit.Server.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Godwit.Server.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The source of Npgsql's own spans, richer than EF Core's for PostgreSQL (COPY included).</summary>
    private const string NpgsqlSource = "Npgsql";

    /// <summary>
    /// Registers Godwit's instruments and the event observer that feeds them, always: with no listener
    /// they cost a branch each. The OpenTelemetry SDK (instrumentation, Prometheus, OTLP) is added only
    /// when <c>Godwit:Telemetry</c> asks for an exporter, so an unconfigured server pays nothing more.
    /// </summary>
    public static IServiceCollection AddGodwitTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (options.Problem() is { } problem)
        {
            throw new ConfigurationProblemException(problem);
        }

        services.AddSingleton(options);
        services.AddSingleton(provider => new GodwitMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<IEventObserver, EventMetrics>();
        services.AddSingleton<TelemetryGauges>();
        if (!options.CollectsMetrics)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(options.ServiceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(GodwitMetrics.MeterName, NpgsqlSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            if (options.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeEndpointPath = options.Prometheus.Path);
            }

            if (options.ExportsOtlp)
            {
                metrics.AddOtlpExporter(otlp => Configure(otlp, options.Otlp, "v1/metrics"));
            }
        });

        // Traces need somewhere to go: Prometheus takes metrics only.
        if (options.ExportsOtlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // PostgreSQL commands are traced by Npgsql itself; EF Core's spans would repeat them.
                .AddEntityFrameworkCoreInstrumentation(ef => ef.Filter = (provider, _) => provider?.Contains(NpgsqlSource, StringComparison.Ordinal) != true)
                .AddSource(NpgsqlSource)
                .AddOtlpExporter(otlp => Configure(otlp, options.Otlp, "v1/traces")));
        }

        return services;
    }

    /// <summary>
    /// The setting wins over the standard variables, which the exporter reads itself. Over HTTP the
    /// exporter takes a configured endpoint as the full URL, so each signal's path is added here.
    /// </summary>
    private static void Configure(OtlpExporterOptions otlp, OtlpOptions options, string signalPath)
    {
        if (options.Endpoint is not { } endpoint)
        {
            return;
        }

        if (options.Protocol == "http/protobuf")
        {
            otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            otlp.Endpoint = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        }
        else
        {
            otlp.Protocol = OtlpExportProtocol.Grpc;
            otlp.Endpoint = endpoint;
        }
    }
}

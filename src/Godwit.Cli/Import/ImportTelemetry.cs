using System.Diagnostics.Metrics;
using Godwit.Core.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Godwit.Cli.Import;

/// <summary>
/// The import's row counter (<c>godwit.import.rows</c>), pushed over OTLP when
/// <c>Godwit:Telemetry:Otlp:Endpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, as for
/// <c>godwit serve</c>; otherwise no exporter runs and the counter is a no-op. Disposing flushes.
/// </summary>
internal sealed class ImportTelemetry : IDisposable
{
    private readonly Meter meter = new(GodwitMetrics.MeterName);
    private readonly MeterProvider? provider;

    public ImportTelemetry(string[] configuration)
    {
        var settings = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(configuration).Build();
        var endpoint = settings["Godwit:Telemetry:Otlp:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            Metrics = new GodwitMetrics(meter);
            return;
        }

        var http = settings["Godwit:Telemetry:Otlp:Protocol"] == "http/protobuf";
        provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(settings["Godwit:Telemetry:ServiceName"] ?? "godwit"))
            .AddMeter(GodwitMetrics.MeterName)
            .AddOtlpExporter(otlp =>
            {
                if (!string.IsNullOrWhiteSpace(endpoint))
                {
                    // Over HTTP a configured endpoint is taken as the full URL: add the signal's path.
                    otlp.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                    otlp.Endpoint = new Uri(http ? endpoint.TrimEnd('/') + "/v1/metrics" : endpoint);
                }
            })
            .Build();
        Metrics = new GodwitMetrics(meter);
    }

    public GodwitMetrics Metrics { get; }

    public void Dispose()
    {
        provider?.Dispose();
        meter.Dispose();
    }
}

using System.Net;

namespace Godwit.Server.Telemetry;

/// <summary>
/// Metrics and traces, bound from <c>Godwit:Telemetry</c>. Everything is off until configured: with
/// neither Prometheus nor OTLP set, no OpenTelemetry SDK runs and Godwit's instruments stay no-ops.
/// </summary>
internal sealed class TelemetryOptions
{
    public const string SectionName = "Godwit:Telemetry";

    /// <summary>The standard variable the OTLP exporter reads; set, it turns OTLP export on as the setting does.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public PrometheusOptions Prometheus { get; set; } = new();

    public OtlpOptions Otlp { get; set; } = new();

    /// <summary>The <c>service.name</c> resource attribute of every metric and span.</summary>
    public string ServiceName { get; set; } = "godwit";

    /// <summary>OTLP export runs when the setting or the standard environment variable names an endpoint.</summary>
    public bool ExportsOtlp => Otlp.Endpoint is not null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    public bool CollectsMetrics => Prometheus.Enabled || ExportsOtlp;

    public string? Problem() =>
        string.IsNullOrWhiteSpace(ServiceName) ? $"{SectionName}:ServiceName must not be empty."
        : Prometheus.Problem() ?? Otlp.Problem();
}

/// <summary><c>Godwit:Telemetry:Prometheus</c>: the scrape endpoint, outside Basic auth, so off by default.</summary>
internal sealed class PrometheusOptions
{
    public bool Enabled { get; set; }

    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Addresses or CIDR ranges (<c>10.0.0.0/8</c>) allowed to scrape; empty allows any. Others get 404,
    /// as if the endpoint were off.
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];

    public IReadOnlyList<IPNetwork> AllowedNetworks() => [.. AllowedAddresses.Select(ParseNetwork).OfType<IPNetwork>()];

    public string? Problem()
    {
        if (!Path.StartsWith('/') || Path.Length < 2 || Path.Contains('?', StringComparison.Ordinal))
        {
            return $"{TelemetryOptions.SectionName}:Prometheus:Path must be a path such as /metrics.";
        }

        var unreadable = AllowedAddresses.FirstOrDefault(address => ParseNetwork(address) is null);
        return unreadable is null ? null
            : $"{TelemetryOptions.SectionName}:Prometheus:AllowedAddresses holds '{unreadable}', which is neither an IP address nor a CIDR range.";
    }

    private static IPNetwork? ParseNetwork(string text)
    {
        text = text.Trim();
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(text, out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }
}

/// <summary><c>Godwit:Telemetry:Otlp</c>: where traces and metrics are pushed.</summary>
internal sealed class OtlpOptions
{
    /// <summary>The collector, such as <c>http://otel-collector:4317</c> (gRPC) or <c>…:4318</c> with <see cref="Protocol"/> http/protobuf.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = "grpc";

    public string? Problem() =>
        Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
            ? $"{TelemetryOptions.SectionName}:Otlp:Endpoint must be an absolute http or https URL."
            : Protocol is not ("grpc" or "http/protobuf")
                ? $"{TelemetryOptions.SectionName}:Otlp:Protocol must be grpc or http/protobuf."
                : null;
}

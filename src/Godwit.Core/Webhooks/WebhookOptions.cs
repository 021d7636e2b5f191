namespace Godwit.Core.Webhooks;

/// <summary>Webhook delivery, bound from <c>Godwit:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Godwit:Webhooks";

    /// <summary>Allows http:// URLs to any host; by default only loopback hosts may use http.</summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>
    /// Allows URLs whose address is private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7):
    /// off by default, so the API cannot be used to reach the operator's internal network.
    /// Link-local addresses (169.254/16, the cloud metadata service, fe80::/10) are never allowed.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// The default delays: eight attempts over more than 27 hours, so an endpoint down for a day
    /// (a weekend deploy gone wrong) still gets every event.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>
    /// How long to wait after each failed attempt; after the last, the delivery fails and the endpoint
    /// is disabled. Empty (the default) means <see cref="DefaultRetryDelays"/>; the configuration binder
    /// appends to a list it finds filled, so the defaults live apart.
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;

    /// <summary>How often an idle process looks for new events and due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Events fanned out, and deliveries claimed, per round.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Requests in flight at once per process.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>How long a claim lasts: a delivery claimed by a process that died is taken again after it.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    public TimeSpan PreviousSecretLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Days delivered and failed deliveries (with their attempts) are kept.</summary>
    public int DeliveryRetentionDays { get; set; } = 30;

    public int MaxEndpoints { get; set; } = 100;

    /// <summary>The first configuration mistake, in one line, or null.</summary>
    public string? Problem()
    {
        if (RetryDelays.Any(d => d <= TimeSpan.Zero))
        {
            return $"{SectionName}:RetryDelays must all be positive.";
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(1))
        {
            return $"{SectionName}:PollInterval must be between 00:00:00.010 and 00:01:00.";
        }

        if (BatchSize is < 1 or > 10_000 || MaxConcurrency is < 1 or > 1_000 || MaxEndpoints is < 1 or > 10_000)
        {
            return $"{SectionName}: BatchSize must be 1 to 10000, MaxConcurrency 1 to 1000 and MaxEndpoints 1 to 10000.";
        }

        if (RequestTimeout <= TimeSpan.Zero || ClaimDuration <= RequestTimeout * 2)
        {
            return $"{SectionName}:ClaimDuration must be more than twice RequestTimeout, so a claim outlasts the request it covers.";
        }

        if (PreviousSecretLifetime < TimeSpan.Zero || DeliveryRetentionDays < 1)
        {
            return $"{SectionName}: PreviousSecretLifetime must not be negative and DeliveryRetentionDays must be at least 1.";
        }

        return null;
    }
}

namespace Godwit.Core.Webhooks;

/// <summary>
/// A URL the event log is delivered to. The signing secret is stored sealed (associated data: the
/// endpoint id) and shown once, when created or rotated; after a rotation the previous secret signs
/// alongside the new one until <see cref="PreviousSecretExpiresAt"/>, so receivers can switch over.
/// </summary>
public sealed class WebhookEndpoint
{
    public const string IdPrefix = "webhook-endpoint-live-";

    public required string EndpointId { get; init; }

    public required string Url { get; set; }

    public string Description { get; set; } = "";

    /// <summary>The event types delivered; empty means every type.</summary>
    public List<string> EventTypes { get; set; } = [];

    public required byte[] SealedSecret { get; set; }

    public byte[]? PreviousSealedSecret { get; set; }

    public DateTime? PreviousSecretExpiresAt { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Why delivery stopped (persistent failure), or null while enabled.</summary>
    public string? DisabledReason { get; set; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; set; }

    public bool Wants(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal);
}

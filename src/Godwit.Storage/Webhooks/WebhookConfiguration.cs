using System.Text.Json;
using Godwit.Core.Events;
using Godwit.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Godwit.Storage.Webhooks;

internal static class WebhookConfiguration
{
    public static void Apply(ModelBuilder model)
    {
        model.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("webhook_endpoints");
            endpoint.HasKey(e => e.EndpointId);
            endpoint.Property(e => e.EndpointId).HasMaxLength(64);
            endpoint.Property(e => e.Url).HasMaxLength(WebhookUrlPolicy.MaxUrlLength);
            endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoints.MaxDescriptionLength);
            endpoint.Property(e => e.DisabledReason).HasMaxLength(512);
            // A JSON array of event type names; [] is every type.
            endpoint.Property(e => e.EventTypes).HasMaxLength(4096).HasConversion(
                types => JsonSerializer.Serialize(types, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Default) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), t => t.Count, t => t.ToList()));
        });

        model.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.HasKey(d => d.DeliveryId);
            delivery.Property(d => d.DeliveryId).HasMaxLength(64);
            delivery.Property(d => d.EndpointId).HasMaxLength(64);
            delivery.Property(d => d.EventId).HasMaxLength(64);
            delivery.Property(d => d.UserId).HasMaxLength(64);
            delivery.Property(d => d.Status).HasMaxLength(16);
            delivery.Property(d => d.ClaimedBy).HasMaxLength(64);
            delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
            // The event log's retention takes the deliveries of the events it prunes.
            delivery.HasOne<GodwitEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
            // One delivery per event and endpoint, whatever process fanned it out.
            delivery.HasIndex(d => new { d.EndpointId, d.EventId }).IsUnique();
            // The claim's scan of due deliveries, and its "an older one of this user waits" check.
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasIndex(d => new { d.EndpointId, d.UserId, d.Status, d.OccurredAt });
            delivery.HasIndex(d => d.CompletedAt);
        });

        model.Entity<WebhookAttempt>(attempt =>
        {
            attempt.ToTable("webhook_attempts");
            attempt.HasKey(a => a.AttemptId);
            attempt.Property(a => a.AttemptId).ValueGeneratedOnAdd();
            attempt.Property(a => a.DeliveryId).HasMaxLength(64);
            attempt.Property(a => a.Error).HasMaxLength(512);
            attempt.Property(a => a.ResponseExcerpt).HasMaxLength(WebhookAttempt.MaxResponseExcerpt);
            attempt.HasOne<WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            attempt.HasIndex(a => new { a.DeliveryId, a.AttemptedAt });
        });
    }
}
